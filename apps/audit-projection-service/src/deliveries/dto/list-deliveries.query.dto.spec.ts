import { flattenValidationErrors } from '@hookline/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { encodeDeliveryCursor } from '../delivery-cursor';
import { ListDeliveriesQueryDto } from './list-deliveries.query.dto';

function problems(query: Record<string, unknown>): string[] {
  const dto = plainToInstance(ListDeliveriesQueryDto, query);
  return flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
}

describe(ListDeliveriesQueryDto.name, () => {
  it('accepts a full valid query and turns limit into a number', () => {
    const query = {
      status: 'failed',
      eventType: 'job.created',
      eventId: 'evt_1',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-30T00:00:00Z',
      limit: '50',
      cursor: encodeDeliveryCursor({ createdAt: new Date(), id: 'dlv_1' }),
    };
    expect(problems(query)).toEqual([]);
    expect(plainToInstance(ListDeliveriesQueryDto, query).limit).toBe(50);
  });

  it.each([
    ['status', { status: 'bogus' }],
    ['limit', { limit: '0' }],
    ['limit', { limit: '101' }],
    ['limit', { limit: 'ten' }],
    ['from', { from: 'yesterday' }],
    ['to', { to: '2026-13-01T00:00:00Z' }],
    ['from', { from: '2026-11-30T00:00:00Z', to: '2026-11-01T00:00:00Z' }],
    ['cursor', { cursor: 'not-a-cursor' }],
    ['eventType', { eventType: ['a', 'b'] }],
  ])('names %s when it is invalid', (parameter, query) => {
    const found = problems(query);
    expect(found.length).toBeGreaterThan(0);
    for (const problem of found) {
      expect(problem).toMatch(new RegExp(`^${parameter}\\b`));
    }
  });
});
