import type { WebhookState } from '@hookline/contracts';
import { RoutingTable } from './routing-table';

const state = (id: string, version: number, overrides: Partial<WebhookState> = {}): WebhookState =>
  ({ id, organizationId: 'org_a', active: true, events: ['*'], version, ...overrides }) as WebhookState;

describe(RoutingTable.name, () => {
  it('keeps the latest state per webhook, indexed by organization', () => {
    const table = new RoutingTable();

    expect(table.apply('wh_1', state('wh_1', 1))).toBe('upserted');
    expect(table.apply('wh_1', state('wh_1', 2, { url: 'https://new.example' }))).toBe('upserted');

    expect(table.size).toBe(1);
    expect(table.get('wh_1')?.version).toBe(2);
    expect([...table.webhooksOf('org_a')].map((webhook) => webhook.url)).toEqual(['https://new.example']);
  });

  it('ignores a state older than the one held', () => {
    const table = new RoutingTable();
    table.apply('wh_1', state('wh_1', 5, { active: false }));

    expect(table.apply('wh_1', state('wh_1', 4, { active: true }))).toBe('stale');
    expect(table.get('wh_1')).toMatchObject({ version: 5, active: false });
  });

  it('re-applies the same version (a replay) without harm', () => {
    const table = new RoutingTable();
    table.apply('wh_1', state('wh_1', 3));

    expect(table.apply('wh_1', state('wh_1', 3))).toBe('upserted');
    expect(table.size).toBe(1);
  });

  it('removes a webhook on a tombstone', () => {
    const table = new RoutingTable();
    table.apply('wh_1', state('wh_1', 1));
    table.apply('wh_2', state('wh_2', 1));

    expect(table.apply('wh_1', null)).toBe('removed');
    expect(table.get('wh_1')).toBeNull();
    expect([...table.webhooksOf('org_a')].map((webhook) => webhook.id)).toEqual(['wh_2']);
    expect(table.apply('wh_1', null)).toBe('absent');
  });

  it('moves a webhook between organizations in the index', () => {
    const table = new RoutingTable();
    table.apply('wh_1', state('wh_1', 1, { organizationId: 'org_a' }));
    table.apply('wh_1', state('wh_1', 2, { organizationId: 'org_b' }));

    expect([...table.webhooksOf('org_a')]).toEqual([]);
    expect([...table.webhooksOf('org_b')].map((webhook) => webhook.id)).toEqual(['wh_1']);
  });
});
