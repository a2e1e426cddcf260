import { aDeliveryListFilter } from '../../test/delivery-list-filter.fixture';
import { buildDeliveryListQuery } from './delivery-list.query';

describe(buildDeliveryListQuery.name, () => {
  const base = aDeliveryListFilter('org_1', 'wh_1');
  const innerWhere = (sql: string) => /WHERE (.*)\n/.exec(sql)?.[1];

  it('filters on the webhook and organization only, by default', () => {
    const { sql, params } = buildDeliveryListQuery(base, 21);
    expect(innerWhere(sql)).toBe('webhook_id = $1 AND organization_id = $2');
    expect(sql).toContain('LIMIT $3');
    expect(params).toEqual(['wh_1', 'org_1', 21]);
  });

  it('numbers every filter and the cursor in order', () => {
    const { sql, params } = buildDeliveryListQuery(
      {
        ...base,
        status: 'failed',
        eventType: 'job.created',
        eventId: 'evt_1',
        from: new Date('2026-11-01T00:00:00.000Z'),
        to: new Date('2026-11-30T00:00:00.000Z'),
        after: { createdAt: new Date('2026-11-22T10:00:00.000Z'), id: 'dlv_9' },
      },
      11,
    );
    expect(innerWhere(sql)).toBe(
      'webhook_id = $1 AND organization_id = $2 AND status = $3 AND event_type = $4 AND event_id = $5' +
        ' AND created_at >= $6 AND created_at < $7 AND (created_at, id) < ($8::timestamptz, $9)',
    );
    expect(params).toEqual([
      'wh_1',
      'org_1',
      'failed',
      'job.created',
      'evt_1',
      '2026-11-01T00:00:00.000Z',
      '2026-11-30T00:00:00.000Z',
      '2026-11-22T10:00:00.000Z',
      'dlv_9',
      11,
    ]);
    expect(sql).toContain('LIMIT $10');
  });
});
