import { ATTEMPT_OUTCOMES, type AttemptEvent, type AttemptOutcome } from '@hookline/contracts';
import { eventually } from '@hookline/testing';
import { anAttemptEvent, hoursAgo } from '../../test/attempt-event.fixture';
import { useAuditHarness } from '../../test/audit-harness';
import { aWebhookState } from '../../test/webhook-state.fixture';
import type { StatsDto, StatsSummaryDto } from './dto/stats.dto';
import { StatsController } from './stats.controller';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const EVENT_TYPES = ['job.created', 'job.updated', 'estimate.created'];

/** One row of the test's plan: how an attempt ended and how long it took. */
const OUTCOME_PLAN: Array<{
  outcome: AttemptOutcome;
  status: number | null;
  delivery: AttemptEvent['deliveryStatus'];
}> = [
  { outcome: 'success', status: 200, delivery: 'succeeded' },
  { outcome: 'success', status: 204, delivery: 'succeeded' },
  { outcome: 'http_5xx', status: 503, delivery: 'retrying' },
  { outcome: 'success', status: 200, delivery: 'succeeded' },
  { outcome: 'http_4xx', status: 404, delivery: 'failed' },
  { outcome: 'timeout', status: null, delivery: 'retrying' },
  { outcome: 'expired', status: null, delivery: 'expired' },
  { outcome: 'blocked', status: null, delivery: 'failed' },
  { outcome: 'auth_failed', status: null, delivery: 'retrying' },
];
/** Outcomes of attempts that sent the endpoint nothing: no latency of theirs is counted. */
const SENT_NOTHING: ReadonlySet<AttemptOutcome> = new Set(['expired', 'blocked', 'auth_failed']);

describe(StatsController.name, () => {
  const audit = useAuditHarness('stats');
  const { kafka } = audit;
  const organizationId = audit.organizationId();
  const otherOrganizationId = audit.organizationId('other');
  const webhooks = [aWebhookState({ organizationId }), aWebhookState({ organizationId })];
  const otherWebhook = aWebhookState({ organizationId: otherOrganizationId });
  const firstHour = hoursAgo(5);

  // 72 attempts over 3 hours, 2 webhooks and 3 event types, with latencies from 3 ms to ~4 s.
  const events: AttemptEvent[] = Array.from({ length: 72 }, (_, index) => {
    const plan = OUTCOME_PLAN[index % OUTCOME_PLAN.length];
    const sentNothing = SENT_NOTHING.has(plan.outcome);
    const startedAt = new Date(Date.parse(firstHour) + (index % 3) * HOUR_MS + index * 7_000).toISOString();
    return anAttemptEvent(
      {
        organizationId,
        webhookId: webhooks[index % 2].id,
        eventType: EVENT_TYPES[index % 3],
        attempt: index % 5 === 0 ? 2 : 1,
        startedAt,
        durationMs: sentNothing ? 0 : Math.round(3 * 1.11 ** index),
        responseStatus: plan.status,
        responseHeaders: plan.status === null ? null : {},
        responseBody: plan.status === null ? null : '',
        outcome: plan.outcome,
        deliveryStatus: plan.delivery,
      },
      firstHour,
    );
  });
  // Noise that must never show up in this organization's numbers.
  const otherOrgEvents = [0, 1, 2].map((n) =>
    anAttemptEvent(
      { organizationId: otherOrganizationId, webhookId: otherWebhook.id, durationMs: 9_000 + n },
      firstHour,
    ),
  );

  /** API keys by what they may do, published in `beforeAll`. */
  let keys: Record<'read' | 'otherOrg' | 'writeOnly', string>;

  beforeAll(async () => {
    keys = await audit.connectWith(
      {
        read: { organizationId, scopes: ['deliveries:read'] },
        otherOrg: { organizationId: otherOrganizationId, scopes: ['deliveries:read'] },
        writeOnly: { organizationId, scopes: ['webhooks:write'] },
      },
      [...webhooks, otherWebhook],
    );
    await kafka.sendAttempts(...events, ...otherOrgEvents);
    await audit.start();
    await eventually(
      async () => {
        const { body } = await stats(`from=${firstHour}`);
        expect(body.total.attempts).toBe(events.length);
        // Webhooks arrive through their own topic and consumer: filtering by one needs it known.
        for (const webhook of webhooks) {
          expect((await stats(`webhookId=${webhook.id}`)).status).toBe(200);
        }
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });

  const stats = (query: string, key: string | null = keys.read) =>
    audit.getJson<StatsDto>(`/v1/stats?${query}`, key);

  it('matches counts, success rate and latencies computed from the raw attempts', async () => {
    const { status, body } = await stats(`from=${firstHour}&to=${hoursAgo(-1)}`);
    expect(status).toBe(200);
    expectSummaryOf(body.total, events);
    expect(body.byWebhook.map((row) => row.webhookId).sort()).toEqual(
      webhooks.map((webhook) => webhook.id).sort(),
    );
    for (const row of body.byWebhook) {
      expectSummaryOf(
        row,
        events.filter((event) => event.webhookId === row.webhookId),
      );
    }
    expect(body.byEventType.map((row) => row.eventType).sort()).toEqual([...EVENT_TYPES].sort());
    for (const row of body.byEventType) {
      expectSummaryOf(
        row,
        events.filter((event) => event.eventType === row.eventType),
      );
    }
    for (const row of body.byBucket) {
      expectSummaryOf(
        row,
        events.filter((event) => floorTo(event.startedAt, HOUR_MS) === row.bucketStart),
      );
    }
    expect(body.byBucket.filter((row) => row.attempts > 0)).toHaveLength(3);
  });

  it('aggregates hourly rollups into UTC days', async () => {
    const { body } = await stats(`from=${firstHour}&bucket=day`);
    expect(body.bucket).toBe('day');
    const days = [...new Set(events.map((event) => floorTo(event.startedAt, DAY_MS)))];
    for (const day of days) {
      const row = body.byBucket.find((bucket) => bucket.bucketStart === day);
      expect(row).toBeDefined();
      expectSummaryOf(
        row!,
        events.filter((event) => floorTo(event.startedAt, DAY_MS) === day),
      );
    }
  });

  it('filters by webhook and by event type', async () => {
    const [first] = webhooks;
    const byWebhook = await stats(`from=${firstHour}&webhookId=${first.id}`);
    expect([byWebhook.status, byWebhook.body.webhookId]).toEqual([200, first.id]);
    expectSummaryOf(
      byWebhook.body.total,
      events.filter((event) => event.webhookId === first.id),
    );

    const byType = await stats(`from=${firstHour}&eventType=job.updated&webhookId=${first.id}`);
    expectSummaryOf(
      byType.body.total,
      events.filter((event) => event.eventType === 'job.updated' && event.webhookId === first.id),
    );
    expect(byType.body.byEventType.map((row) => row.eventType)).toEqual(['job.updated']);
  });

  it("keeps each organization to its own numbers and answers 404 for another's webhook", async () => {
    const other = await stats(`from=${firstHour}`, keys.otherOrg);
    expect(other.status).toBe(200);
    expect(other.body.total.attempts).toBe(otherOrgEvents.length);
    expect(other.body.byWebhook.map((row) => row.webhookId)).toEqual([otherWebhook.id]);
    const foreign = await audit.getJson(`/v1/stats?webhookId=${webhooks[0].id}`, keys.otherOrg);
    expect(foreign).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: `webhook ${webhooks[0].id} not found` },
    });
  });

  it('answers 401 without a key, 403 without deliveries:read and 400 for a bad range', async () => {
    expect((await audit.getJson('/v1/stats', null)).status).toBe(401);
    const forbidden = await audit.getJson<{ message: string }>('/v1/stats', keys.writeOnly);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toContain('deliveries:read');
    for (const [query, mention] of [
      ['bucket=week', 'bucket'],
      ['from=yesterday', 'from'],
      [`from=${hoursAgo(0)}&to=${hoursAgo(2)}`, 'from must be before to'],
      [`from=${hoursAgo(24 * 40)}`, 'bucket=day'],
    ]) {
      const { status, body } = await audit.getJson<{ message: string }>(`/v1/stats?${query}`, keys.read);
      expect({ query, status }).toEqual({ query, status: 400 });
      expect(body.message).toContain(mention);
    }
  });
});

function floorTo(instant: string, size: number): string {
  const ms = Date.parse(instant);
  return new Date(ms - (ms % size)).toISOString();
}

/** The numbers a summary must show, computed straight from the attempts the test produced. */
function expectSummaryOf(summary: StatsSummaryDto, attempts: readonly AttemptEvent[]): void {
  const outcomes = Object.fromEntries(
    ATTEMPT_OUTCOMES.map((outcome) => [
      outcome,
      attempts.filter((attempt) => attempt.outcome === outcome).length,
    ]),
  );
  const finishedAs = (status: string) =>
    attempts.filter((attempt) => attempt.deliveryStatus === status).length;
  const finished = finishedAs('succeeded') + finishedAs('failed') + finishedAs('expired');
  const measured = attempts
    .filter((attempt) => !SENT_NOTHING.has(attempt.outcome))
    .map((attempt) => attempt.durationMs)
    .sort((a, b) => a - b);
  expect(summary).toMatchObject({
    attempts: attempts.length,
    succeededAttempts: outcomes.success,
    failedAttempts: attempts.length - outcomes.success,
    outcomes,
    deliveries: {
      started: attempts.filter((attempt) => attempt.attempt === 1).length,
      succeeded: finishedAs('succeeded'),
      failed: finishedAs('failed'),
      expired: finishedAs('expired'),
      finished,
    },
    successRate: finished === 0 ? null : finishedAs('succeeded') / finished,
  });
  expect(summary.latencyMs.count).toBe(measured.length);
  if (measured.length === 0) {
    expect(summary.latencyMs).toMatchObject({ mean: null, p50: null, p95: null, p99: null, max: null });
    return;
  }
  expect(summary.latencyMs.mean).toBeCloseTo(measured.reduce((sum, ms) => sum + ms, 0) / measured.length, 6);
  expect(summary.latencyMs.max).toBe(measured[measured.length - 1]);
  for (const [quantile, reported] of [
    [0.5, summary.latencyMs.p50],
    [0.95, summary.latencyMs.p95],
    [0.99, summary.latencyMs.p99],
  ] as const) {
    // Nearest rank on the raw values; the histogram may report up to 9.05% above it, never below.
    const exact = measured[Math.ceil(quantile * measured.length) - 1];
    expect({ quantile, reported }).toEqual({ quantile, reported: expect.any(Number) });
    expect(reported!).toBeGreaterThanOrEqual(exact);
    expect(reported!).toBeLessThanOrEqual(Math.min(exact * 1.0906, measured[measured.length - 1]));
  }
}
