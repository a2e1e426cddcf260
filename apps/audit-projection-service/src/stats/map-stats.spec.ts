import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '@hookline/contracts';
import { toStatsDto } from './map-stats';
import type { StatsAggregate } from './stats.repository';

function anAggregate(overrides: Partial<StatsAggregate>): StatsAggregate {
  const outcomes = Object.fromEntries(ATTEMPT_OUTCOMES.map((outcome) => [outcome, 0])) as Record<
    AttemptOutcome,
    number
  >;
  return {
    dimension: 'total',
    key: null,
    attempts: 4,
    outcomes: { ...outcomes, success: 3, http_5xx: 1 },
    deliveriesStarted: 3,
    deliveriesSucceeded: 3,
    deliveriesFailed: 1,
    deliveriesExpired: 0,
    latencyCount: 4,
    latencySumMs: 400,
    latencyMaxMs: 250,
    latencyP50Ms: 64,
    latencyP95Ms: 256,
    latencyP99Ms: 256,
    ...overrides,
  };
}

describe(toStatsDto.name, () => {
  const range = {
    from: new Date('2026-11-22T10:00:00.000Z'),
    to: new Date('2026-11-22T13:00:00.000Z'),
    bucket: 'hour' as const,
  };

  it('derives failures, finished deliveries, success rate and mean latency', () => {
    const dto = toStatsDto(range, { webhookId: null, eventType: null }, [anAggregate({})]);
    expect(dto.total).toMatchObject({
      attempts: 4,
      succeededAttempts: 3,
      failedAttempts: 1,
      deliveries: { started: 3, succeeded: 3, failed: 1, expired: 0, finished: 4 },
      successRate: 0.75,
      latencyMs: { count: 4, mean: 100, p50: 64, p95: 256, p99: 256, max: 250 },
    });
  });

  it('fills every bucket of the range, with zeros where nothing happened', () => {
    const dto = toStatsDto(range, { webhookId: null, eventType: null }, [
      anAggregate({ dimension: 'bucket', key: '2026-11-22T11:00:00.000Z' }),
    ]);
    expect(dto.byBucket.map((bucket) => [bucket.bucketStart, bucket.attempts])).toEqual([
      ['2026-11-22T10:00:00.000Z', 0],
      ['2026-11-22T11:00:00.000Z', 4],
      ['2026-11-22T12:00:00.000Z', 0],
    ]);
    expect(dto.byBucket[0]).toMatchObject({
      successRate: null,
      latencyMs: { count: 0, mean: null, p95: null },
    });
    expect(dto.total.attempts).toBe(0);
  });

  it('lists webhooks and event types with the most attempts first', () => {
    const dto = toStatsDto(range, { webhookId: null, eventType: 'job.created' }, [
      anAggregate({ dimension: 'webhook', key: 'wh_b', attempts: 1 }),
      anAggregate({ dimension: 'webhook', key: 'wh_a', attempts: 7 }),
      anAggregate({ dimension: 'eventType', key: 'job.created', attempts: 8 }),
    ]);
    expect(dto.byWebhook.map((row) => row.webhookId)).toEqual(['wh_a', 'wh_b']);
    expect(dto.byEventType.map((row) => row.eventType)).toEqual(['job.created']);
    expect(dto.eventType).toBe('job.created');
  });
});
