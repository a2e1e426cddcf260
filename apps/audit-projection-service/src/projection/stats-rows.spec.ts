import { aRetriedDelivery, anAttemptEvent, validAttempt } from '../../test/attempt-event.fixture';
import { latencyBucketIndex } from '../stats/latency-histogram';
import { hourOf, toStatsIncrements } from './stats-rows';

describe(toStatsIncrements.name, () => {
  it('truncates instants to their UTC hour', () => {
    expect(hourOf('2026-11-22T10:59:59.999Z')).toBe('2026-11-22T10:00:00.000Z');
    expect(hourOf('2026-11-22T12:30:00.000+02:00')).toBe('2026-11-22T10:00:00.000Z');
  });

  it('counts attempts, outcomes, finished deliveries and latencies of one hour together', () => {
    const [failed, succeeded] = aRetriedDelivery({ webhookId: 'wh_1' }).map(validAttempt);
    // Both attempts of the fixture start in the 10:00 hour.
    const [row, ...others] = toStatsIncrements([failed, succeeded]);
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      webhookId: 'wh_1',
      eventType: 'job.created',
      bucketStart: '2026-11-22T10:00:00.000Z',
      attempts: 2,
      deliveriesStarted: 1,
      deliveriesSucceeded: 1,
      deliveriesFailed: 0,
      deliveriesExpired: 0,
      latencyCount: 2,
      latencySumMs: 250 + 80,
      latencyMaxMs: 250,
    });
    expect(row.outcomes).toMatchObject({ success: 1, http_5xx: 1, timeout: 0 });
    expect(row.latencyHistogram[latencyBucketIndex(250)]).toBe(1);
    expect(row.latencyHistogram[latencyBucketIndex(80)]).toBe(1);
    expect(row.latencyHistogram.reduce((sum, count) => sum + count, 0)).toBe(2);
  });

  it('splits by webhook, event type and hour', () => {
    const rows = toStatsIncrements(
      [
        anAttemptEvent({ webhookId: 'wh_1', eventType: 'job.created' }),
        anAttemptEvent({ webhookId: 'wh_2', eventType: 'job.created' }),
        anAttemptEvent({ webhookId: 'wh_1', eventType: 'job.updated' }),
        anAttemptEvent({
          webhookId: 'wh_1',
          eventType: 'job.created',
          startedAt: '2026-11-22T11:00:00.000Z',
        }),
      ].map(validAttempt),
    );
    expect(rows.map((row) => [row.webhookId, row.eventType, row.bucketStart, row.attempts])).toEqual([
      ['wh_1', 'job.created', '2026-11-22T10:00:00.000Z', 1],
      ['wh_2', 'job.created', '2026-11-22T10:00:00.000Z', 1],
      ['wh_1', 'job.updated', '2026-11-22T10:00:00.000Z', 1],
      ['wh_1', 'job.created', '2026-11-22T11:00:00.000Z', 1],
    ]);
  });

  it('counts failed and expired deliveries, and leaves attempts that sent nothing out of latency', () => {
    const [row] = toStatsIncrements(
      [
        anAttemptEvent({ attempt: 3, outcome: 'http_4xx', responseStatus: 404, deliveryStatus: 'failed' }),
        anAttemptEvent({
          attempt: 2,
          outcome: 'expired',
          responseStatus: null,
          responseHeaders: null,
          responseBody: null,
          durationMs: 0,
          deliveryStatus: 'expired',
        }),
        anAttemptEvent({ outcome: 'blocked', responseStatus: null, durationMs: 0, deliveryStatus: 'failed' }),
      ].map((event) => validAttempt({ ...event, webhookId: 'wh_1' })),
    );
    expect(row).toMatchObject({
      attempts: 3,
      deliveriesStarted: 1,
      deliveriesFailed: 2,
      deliveriesExpired: 1,
      latencyCount: 1,
      latencySumMs: 120,
    });
  });
});
