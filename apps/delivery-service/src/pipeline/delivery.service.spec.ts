import { eventually } from '@hookline/testing';
import { Registry } from 'prom-client';
import {
  Topics,
  deliveryDefaultsKey,
  domainTopic,
  type DeliveryDefaults,
  type AttemptEvent,
  type EndpointSignal,
  type EventEnvelope,
  type WebhookState,
} from '@hookline/contracts';
import type { OutputSink, TopicBatch } from '@hookline/kafka';
import { jobCreatedEvent, testDeliveryConfig, testSecretBox, webhookFixture } from '../../test/fixtures';
import {
  notSentResult,
  type AttemptDelivery,
  type AttemptInput,
  type AttemptResult,
} from '../attempts/attempt-delivery';
import { serializePayload } from '../attempts/serialize-payload';
import type { OrganizationDefaults } from '../delivery-defaults/organization-defaults.service';
import { EndpointHealth } from '../isolation/endpoint-health';
import { FairScheduler } from '../isolation/fair-scheduler';
import { WebhookLimiter } from '../isolation/webhook-limiter';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import type { RetryTask } from './retry-task';
import { firstAttemptJob, type DeliveryJob } from './delivery-job';
import { DeliveryService } from './delivery.service';

function answered(status: number, headers: Record<string, string> = {}): AttemptResult {
  return {
    attemptId: `att_${Math.random()}`,
    startedAt: new Date(),
    durationMs: 3,
    requestHeaders: { 'webhook-id': 'x' },
    responseStatus: status,
    responseHeaders: headers,
    responseBody: '',
    responseBodyTruncated: false,
    outcome: status >= 200 && status < 300 ? 'success' : status >= 500 ? 'http_5xx' : 'http_4xx',
    error: null,
  };
}

const timedOut = (): AttemptResult => ({
  ...notSentResult('timeout', 'headers timeout (UND_ERR_HEADERS_TIMEOUT)'),
  requestHeaders: { 'webhook-id': 'x' },
});

describe(DeliveryService.name, () => {
  const box = testSecretBox();
  const config = testDeliveryConfig({
    DELIVERY_BREAKER_MIN_REQUESTS: '2',
    DELIVERY_WEBHOOK_MAX_QUEUED: '0',
  });
  let replies: Array<AttemptResult | (() => Promise<AttemptResult>)>;
  let executed: AttemptInput[];
  let published: TopicBatch[][];
  let service: DeliveryService;
  let health: EndpointHealth;
  let slots: FairScheduler;
  let organizationDefaults: Map<string, DeliveryDefaults>;

  beforeEach(() => {
    replies = [];
    organizationDefaults = new Map();
    executed = [];
    published = [];
    const attempts = {
      execute: jest.fn(async (input: AttemptInput) => {
        executed.push(input);
        const next = replies.shift() ?? answered(200);
        return typeof next === 'function' ? next() : next;
      }),
    } as unknown as AttemptDelivery;
    const sink = {
      publish: jest.fn(async (batches: TopicBatch[]) => {
        published.push(batches);
      }),
    } as unknown as OutputSink;
    health = new EndpointHealth({
      failureRateThreshold: 1,
      windowMs: 60_000,
      minimumRequests: 2,
      cooldownMs: 30_000,
      maxCooldownMs: 60_000,
      autoDisableAfterMs: 3_600_000,
    });
    slots = new FairScheduler(4, 4);
    service = new DeliveryService(
      attempts,
      new WebhookLimiter({
        defaultMaxConcurrency: 16,
        stallMs: config.DELIVERY_SLOT_WAIT_MS,
        maxQueueWaitMs: config.DELIVERY_SLOT_QUEUE_MAX_WAIT_MS,
        maxQueued: config.DELIVERY_WEBHOOK_MAX_QUEUED,
      }),
      slots,
      health,
      sink,
      new DeliveryMetrics(new Registry()),
      config,
      {
        ready: Promise.resolve(),
        of: (organizationId: string, eventType: string) =>
          organizationDefaults.get(deliveryDefaultsKey(organizationId, eventType)),
      } as unknown as OrganizationDefaults,
    );
  });

  const webhookWith = (overrides: Partial<WebhookState> = {}): WebhookState =>
    webhookFixture(box, { retryPolicy: { preset: 'custom', delaysSeconds: [10, 20] }, ...overrides }).state;

  const jobFor = (
    webhook: WebhookState,
    event: EventEnvelope = jobCreatedEvent(),
    overrides: Partial<DeliveryJob> = {},
  ) => ({
    ...firstAttemptJob(event, webhook, serializePayload(event)),
    ...overrides,
  });

  const topicsOf = (batches: TopicBatch[]) => batches.map((batch) => batch.topic);
  const valuesOn = <T>(batches: TopicBatch[], topic: string): T[] =>
    batches
      .filter((batch) => batch.topic === topic)
      .flatMap((batch) => batch.messages.map((message) => message.value as T));

  it('makes no request for an event that has expired: the attempt ends as expired', async () => {
    const webhook = webhookWith();
    const event = jobCreatedEvent({ expiresAt: new Date(Date.now() - 1_000).toISOString() });
    await service.deliver(jobFor(webhook, event));
    expect(executed).toEqual([]);
    expect(valuesOn<AttemptEvent>(published[0], Topics.attempts)[0]).toMatchObject({
      outcome: 'expired',
      deliveryStatus: 'expired',
      error: expect.stringContaining('no attempt is made after its expiry'),
    });
  });

  it('makes no request for an event that expired while it waited for a request slot', async () => {
    const webhook = webhookWith();
    const expiresAtMs = Date.now() + 60_000;
    const event = jobCreatedEvent({ expiresAt: new Date(expiresAtMs).toISOString() });
    // Every slot taken by another organization; the delivery waits behind them.
    const held: Array<() => void> = [];
    const busy = Array.from({ length: 4 }, (_, index) =>
      slots.use(`org_busy_${index}`, () => new Promise<void>((resolve) => held.push(resolve))),
    );
    await eventually(() => expect(held).toHaveLength(4));
    const delivered = service.deliver(jobFor(webhook, event));
    await eventually(() => expect(slots.queued).toBe(1));
    const now = jest.spyOn(Date, 'now').mockReturnValue(expiresAtMs + 1);
    try {
      held.forEach((release) => release());
      await Promise.all([...busy, delivered]);
    } finally {
      now.mockRestore();
    }
    expect(executed).toEqual([]);
    expect(valuesOn<AttemptEvent>(published[0], Topics.attempts)[0]).toMatchObject({ outcome: 'expired' });
  });

  it('records a success and writes its attempt event only', async () => {
    const webhook = webhookWith();
    await service.deliver(jobFor(webhook));
    expect(published).toHaveLength(1);
    expect(topicsOf(published[0])).toEqual([Topics.attempts]);
    expect(valuesOn<AttemptEvent>(published[0], Topics.attempts)[0]).toMatchObject({
      attempt: 1,
      outcome: 'success',
      deliveryStatus: 'succeeded',
      nextAttemptAt: null,
    });
  });

  it('writes a failed attempt and its next task, on the tier that fits, in the same request', async () => {
    const webhook = webhookWith();
    replies.push(answered(500));
    const before = Date.now();
    await service.deliver(jobFor(webhook));
    expect(topicsOf(published[0])).toEqual([Topics.attempts, 'hookline.retry.5s.v1']);
    const [attempt] = valuesOn<AttemptEvent>(published[0], Topics.attempts);
    const [task] = valuesOn<RetryTask>(published[0], 'hookline.retry.5s.v1');
    expect(attempt).toMatchObject({ deliveryStatus: 'retrying', nextAttemptAt: task.dueAt });
    expect(task).toMatchObject({
      attempt: 2,
      reason: 'retry',
      webhookId: webhook.id,
      failingSince: expect.any(String),
    });
    expect(Date.parse(task.dueAt) - before).toBeGreaterThanOrEqual(10_000);
    expect(Date.parse(task.dueAt) - Date.now()).toBeLessThanOrEqual(10_000);
  });

  it('gives up when the schedule is exhausted and reports delivery.exhausted to the organization', async () => {
    const webhook = webhookWith();
    replies.push(timedOut());
    const job = jobFor(webhook, jobCreatedEvent(), { attempt: 3 });
    await service.deliver(job);
    expect(topicsOf(published[0])).toEqual([Topics.attempts, domainTopic('delivery')]);
    expect(valuesOn<AttemptEvent>(published[0], Topics.attempts)[0]).toMatchObject({
      deliveryStatus: 'failed',
      nextAttemptAt: null,
    });
    const [exhausted] = valuesOn<EventEnvelope>(published[0], domainTopic('delivery'));
    expect(exhausted).toMatchObject({
      type: 'delivery.exhausted',
      organizationId: webhook.organizationId,
      subject: webhook.id,
      data: {
        deliveryId: job.deliveryId,
        webhookId: webhook.id,
        eventId: job.event.id,
        eventType: 'job.created',
        attempts: 3,
        lastResponseStatus: null,
        lastError: 'headers timeout (UND_ERR_HEADERS_TIMEOUT)',
      },
    });
    expect(published[0].find((batch) => batch.topic === domainTopic('delivery'))?.messages[0].key).toBe(
      `${webhook.organizationId}:${webhook.id}`,
    );
  });

  it('reports delivery.recovered on the first success after failures', async () => {
    const webhook = webhookWith();
    replies.push(answered(503), answered(200));
    await service.deliver(jobFor(webhook));
    await service.deliver(jobFor(webhook));
    const [recovered] = valuesOn<EventEnvelope>(published[1], domainTopic('delivery'));
    expect(recovered).toMatchObject({
      type: 'delivery.recovered',
      data: { webhookId: webhook.id, failedAttemptsBefore: 1 },
    });
  });

  it('never reports on deliveries of delivery.* and webhook.* events', async () => {
    const webhook = webhookWith();
    const own = {
      ...jobCreatedEvent(),
      type: 'webhook.test',
      data: { webhookId: webhook.id, message: 'hi' },
    };
    replies.push(answered(500), answered(200));
    await service.deliver(jobFor(webhook, own, { attempt: 3 }));
    await service.deliver(jobFor(webhook, own));
    expect(published.flat().map((batch) => batch.topic)).toEqual([Topics.attempts, Topics.attempts]);
  });

  it('asks for the webhook to be disabled on 410 Gone and stops retrying', async () => {
    const webhook = webhookWith();
    replies.push(answered(410));
    await service.deliver(jobFor(webhook));
    expect(topicsOf(published[0])).toEqual([Topics.attempts, Topics.signals, domainTopic('delivery')]);
    const [signal] = valuesOn<EndpointSignal>(published[0], Topics.signals);
    expect(signal).toMatchObject({
      kind: 'disable',
      webhookId: webhook.id,
      organizationId: webhook.organizationId,
      reason: 'gone',
    });
    expect(published[0].find((batch) => batch.topic === Topics.signals)?.messages[0].key).toBe(webhook.id);
  });

  it("retries a webhook that sets no schedule on its event type's default, one that sets one on its own", async () => {
    const testEvent = (webhook: WebhookState): EventEnvelope =>
      jobCreatedEvent({
        type: 'webhook.test',
        subject: webhook.id,
        data: { webhookId: webhook.id, message: 'test' },
      });
    const inheriting = webhookWith({ retryPolicy: null });
    const explicit = webhookWith({ retryPolicy: { preset: 'custom', delaysSeconds: [10] } });
    replies.push(answered(500), answered(500), answered(500));

    await service.deliver(jobFor(inheriting, testEvent(inheriting)));
    await service.deliver(jobFor(explicit, testEvent(explicit)));
    await service.deliver(jobFor(inheriting));

    const [testInherited, testOwn, jobInherited] = published.map((batches) => {
      const [attempt] = valuesOn<AttemptEvent>(batches, Topics.attempts);
      const delayMs = attempt.nextAttemptAt === null ? null : Date.parse(attempt.nextAttemptAt) - Date.now();
      return { status: attempt.deliveryStatus, delayMs };
    });
    // webhook.test: none; the webhook's own: 10 s; job.created has no default: standard, 5 s ±20%.
    expect(testInherited).toEqual({ status: 'failed', delayMs: null });
    expect(testOwn.status).toBe('retrying');
    expect(testOwn.delayMs).toBeGreaterThan(9_000);
    expect(testOwn.delayMs).toBeLessThanOrEqual(10_000);
    expect(jobInherited.status).toBe('retrying');
    expect(jobInherited.delayMs).toBeGreaterThan(3_000);
    expect(jobInherited.delayMs).toBeLessThanOrEqual(6_000);
  });

  it("applies the organization's schedule and TTL for the type to a webhook that sets none, not to one that does", async () => {
    const inheriting = webhookWith({ retryPolicy: null });
    const explicit = webhookWith({ retryPolicy: { preset: 'custom', delaysSeconds: [10] } });
    organizationDefaults.set(deliveryDefaultsKey(inheriting.organizationId, 'job.created'), {
      organizationId: inheriting.organizationId,
      eventType: 'job.created',
      retryPolicy: { preset: 'none' },
      ttlSeconds: 60,
      version: 1,
      updatedAt: '2026-11-22T10:00:00.000Z',
    });
    replies.push(answered(500), answered(500));

    await service.deliver(jobFor(inheriting));
    await service.deliver(jobFor(explicit));
    // Occurred two minutes ago: past the organization's TTL, so no request is made.
    await service.deliver(
      jobFor(inheriting, jobCreatedEvent({ occurredAt: new Date(Date.now() - 120_000).toISOString() })),
    );

    const statuses = published.map(
      (batches) => valuesOn<AttemptEvent>(batches, Topics.attempts)[0].deliveryStatus,
    );
    expect(statuses).toEqual(['failed', 'retrying', 'expired']);
    expect(executed).toHaveLength(2);
  });

  it('once the breaker is open, re-queues without an attempt, keeping the attempt number', async () => {
    const webhook = webhookWith({ retryPolicy: { preset: 'standard' } });
    replies.push(answered(500), answered(500));
    await service.deliver(jobFor(webhook));
    await service.deliver(jobFor(webhook));
    await service.deliver(jobFor(webhook, jobCreatedEvent(), { attempt: 2 }));
    expect(executed).toHaveLength(2);
    expect(topicsOf(published[2])).toEqual(['hookline.attempts.v1', 'hookline.retry.5s.v1']);
    const [task] = valuesOn<RetryTask>(published[2], 'hookline.retry.5s.v1');
    expect(task.attempt).toBe(2);
    expect(Date.parse(task.dueAt) - Date.now()).toBeGreaterThan(25_000);
    // The log shows the delivery held, with the time the re-queued attempt is due.
    const [notice] = published[2][0].messages;
    expect(notice.headers).toEqual({ 'hookline-schema': 'delivery-held.v1' });
    expect(notice.value).toEqual(
      expect.objectContaining({ attempt: 2, reason: 'circuit_open', nextAttemptAt: task.dueAt }),
    );
  });

  it('re-queues without an attempt when the webhook has no free slot and no room to wait', async () => {
    const webhook = webhookWith({ maxConcurrency: 1 });
    let release!: () => void;
    replies.push(() => new Promise((resolve) => (release = () => resolve(answered(200)))));
    const first = service.deliver(jobFor(webhook));
    await new Promise((resolve) => setImmediate(resolve));
    await service.deliver(jobFor(webhook));
    expect(topicsOf(published[0])).toEqual(['hookline.retry.1s.v1']);
    expect(valuesOn<RetryTask>(published[0], 'hookline.retry.1s.v1')[0].attempt).toBe(1);
    release();
    await first;
  });

  it('makes a manual redelivery one attempt: no breaker, no retry, no exhausted event', async () => {
    const webhook = webhookWith();
    replies.push(answered(500), answered(500), answered(500));
    await service.deliver(jobFor(webhook));
    await service.deliver(jobFor(webhook));
    await service.deliver(jobFor(webhook, jobCreatedEvent(), { attempt: 7, mode: 'manual' }));
    expect(executed).toHaveLength(3);
    expect(topicsOf(published[2])).toEqual([Topics.attempts]);
    expect(valuesOn<AttemptEvent>(published[2], Topics.attempts)[0]).toMatchObject({
      attempt: 7,
      deliveryStatus: 'failed',
    });
  });

  it('does not retry past the expiry: the retry is due at the expiry, where it ends as expired', async () => {
    const webhook = webhookWith();
    const expiresAt = new Date(Date.now() + 2_000).toISOString();
    replies.push(answered(500));
    await service.deliver(jobFor(webhook, jobCreatedEvent({ expiresAt })));
    const [task] = valuesOn<RetryTask>(published[0], 'hookline.retry.1s.v1');
    expect(task.dueAt).toBe(expiresAt);
  });

  it('closes a delivery whose webhook was disabled with a blocked, failed record', () => {
    const webhook = webhookWith();
    const [batch] = service.cancellation(jobFor(webhook), 'the webhook is disabled');
    expect(batch.topic).toBe(Topics.attempts);
    expect(batch.messages[0].value).toMatchObject({
      outcome: 'blocked',
      deliveryStatus: 'failed',
      error: 'not sent: the webhook is disabled',
      requestHeaders: {},
    });
  });

  it('carries the failure streak into retry tasks, so auto-disable survives restarts', async () => {
    const webhook = webhookWith();
    replies.push(answered(500));
    const job = jobFor(webhook, jobCreatedEvent(), {
      attempt: 2,
      failingSinceMs: Date.parse('2026-01-01T00:00:00.000Z'),
    });
    await service.deliver(job);
    const [task] = valuesOn<RetryTask>(published[0], 'hookline.retry.5s.v1');
    expect(task.failingSince).toBe('2026-01-01T00:00:00.000Z');
    expect(topicsOf(published[0])).toContain(Topics.signals);
    expect(health.failingSince(webhook.id)).toBe(Date.parse('2026-01-01T00:00:00.000Z'));
  });
});
