import {
  Topics,
  deliveryDefaultsKey,
  deliveryIdFor,
  newId,
  type AttemptEvent,
  type DeliveryCommand,
  type DeliveryDefaults,
  type EventEnvelope,
  validateEndpointSignal,
} from '@hookline/contracts';
import { eventually, type ReceivedRequest, conforming } from '@hookline/testing';
import { jobCreatedEvent } from '../test/fixtures';
import { OrganizationDefaults } from './delivery-defaults/organization-defaults.service';
import { DeliveryMetrics } from './metrics/delivery.metrics';
import { startDeliveryHarness, type DeliveryHarness } from '../test/delivery-harness';

const idOf = (request: ReceivedRequest) => request.headers['webhook-id'] as string;

describe('delivery engine: retries, isolation, ordering, failure policies', () => {
  let harness: DeliveryHarness;

  beforeAll(async () => {
    harness = await startDeliveryHarness('engine', {
      DELIVERY_MAX_EVENT_BYTES: String(64 * 1024),
      DELIVERY_TARGET_WAIT_MS: '8000',
    });
  }, 90_000);

  afterEach(() => harness.stopReceivers());
  afterAll(() => harness?.stop());

  /** `count` job.created events of the organization, the one at `index` about `subjectOf(index)`. */
  const jobEvents = (organizationId: string, count: number, subjectOf: (index: number) => string) =>
    Array.from({ length: count }, (_, index) =>
      jobCreatedEvent({ organizationId, subject: subjectOf(index) }),
    );

  /** Waits for the first attempt of each of `events` to the webhook, and expects each to have succeeded. */
  async function expectDeliveredFirstTime(
    events: readonly EventEnvelope[],
    webhookId: string,
  ): Promise<void> {
    for (const event of events) {
      const [attempt] = await harness.waitForAttempts(deliveryIdFor(event.id, webhookId), 1, 30_000);
      expect(attempt).toMatchObject({ attempt: 1, outcome: 'success' });
    }
  }

  /** Waits for the operational event of `type` about the delivery, as the app under test wrote it. */
  const operationalEventOf = (type: string, deliveryId: string): Promise<EventEnvelope> =>
    eventually(() => {
      const found = harness.operational.messages
        .map((message) => JSON.parse(message.value ?? 'null') as EventEnvelope)
        .find((event) => event.type === type && event.data.deliveryId === deliveryId);
      expect(found).toBeDefined();
      return found as EventEnvelope;
    });

  it('retries a failing delivery exactly as scheduled with the same webhook-id, then fails it and reports delivery.exhausted', async () => {
    const organizationId = harness.organization('schedule');
    const receiver = await harness.receiver(() => ({ status: 500, body: 'down' }));
    const delays = [1, 1, 2];
    const { state: webhook } = await harness.publishWebhook({
      organizationId,
      url: receiver.url,
      retryPolicy: { preset: 'custom', delaysSeconds: delays },
    });
    const event = jobCreatedEvent({ organizationId });
    const deliveryId = deliveryIdFor(event.id, webhook.id);

    await harness.publishEvent(event);

    const recorded = await harness.waitForAttempts(deliveryId, 4, 45_000);
    expect(recorded.map((attempt) => [attempt.attempt, attempt.deliveryStatus])).toEqual([
      [1, 'retrying'],
      [2, 'retrying'],
      [3, 'retrying'],
      [4, 'failed'],
    ]);
    expect(recorded.slice(0, 3).every((attempt) => attempt.nextAttemptAt !== null)).toBe(true);
    expect(recorded[3].nextAttemptAt).toBeNull();
    const exhausted = await operationalEventOf('delivery.exhausted', deliveryId);
    expect(exhausted).toMatchObject({
      organizationId,
      subject: webhook.id,
      data: {
        webhookId: webhook.id,
        eventId: event.id,
        eventType: 'job.created',
        attempts: 4,
        lastResponseStatus: 500,
      },
    });

    expect(receiver.requests).toHaveLength(4);
    expect(receiver.requests.map(idOf)).toEqual([event.id, event.id, event.id, event.id]);
    delays.forEach((delaySeconds, index) => {
      const gapMs = receiver.requests[index + 1].receivedAt - receiver.requests[index].receivedAt;
      expect(gapMs).toBeGreaterThanOrEqual(delaySeconds * 1_000 - 50);
      expect(gapMs).toBeLessThan(delaySeconds * 1_000 + 3_000);
    });
  }, 60_000);

  it("gives a webhook without a schedule of its own its event type's default, and one with a schedule its own", async () => {
    const organizationId = harness.organization('type-default');
    const receiver = await harness.receiver(() => ({ status: 500, body: 'down' }));
    const { state: inheriting } = await harness.publishWebhook({
      organizationId,
      url: receiver.url,
      events: ['webhook.test', 'job.created'],
      retryPolicy: null,
    });
    const { state: explicit } = await harness.publishWebhook({
      organizationId,
      url: receiver.url,
      events: ['webhook.test'],
      retryPolicy: { preset: 'custom', delaysSeconds: [1] },
    });
    const testEvent = jobCreatedEvent({
      organizationId,
      type: 'webhook.test',
      subject: 'wh_type_default',
      data: { webhookId: inheriting.id, message: 'a test of the type default' },
    });
    const jobEvent = jobCreatedEvent({ organizationId });

    await harness.publishEvent(testEvent);
    await harness.publishEvent(jobEvent);

    // webhook.test's default is no retry; the explicit schedule retries once; job.created has no default: standard.
    const statusesOf = async (deliveryId: string, count: number) =>
      (await harness.waitForAttempts(deliveryId, count)).map((attempt) => attempt.deliveryStatus);
    expect(await statusesOf(deliveryIdFor(testEvent.id, explicit.id), 2)).toEqual(['retrying', 'failed']);
    expect(await statusesOf(deliveryIdFor(testEvent.id, inheriting.id), 1)).toEqual(['failed']);
    const [jobAttempt] = await harness.waitForAttempts(deliveryIdFor(jobEvent.id, inheriting.id), 1);
    expect(jobAttempt.deliveryStatus).toBe('retrying');
    expect(harness.attemptsOf(deliveryIdFor(testEvent.id, inheriting.id))).toHaveLength(1);
  });

  it("gives a webhook without a schedule of its own its organization's schedule for the type, over the catalog's", async () => {
    const organizationId = harness.organization('org-default');
    const receiver = await harness.receiver(() => ({ status: 500, body: 'down' }));
    const defaults: DeliveryDefaults = {
      organizationId,
      eventType: 'job.created',
      retryPolicy: { preset: 'custom', delaysSeconds: [1, 1] },
      ttlSeconds: null,
      version: 1,
      updatedAt: new Date().toISOString(),
    };
    const key = deliveryDefaultsKey(organizationId, 'job.created');
    await harness.publisher.send(Topics.deliveryDefaults, [{ key, value: defaults }]);
    const table = harness.app.get(OrganizationDefaults);
    await eventually(() => expect(table.of(organizationId, 'job.created')).toEqual(defaults));
    const { state: inheriting } = await harness.publishWebhook({
      organizationId,
      url: receiver.url,
      retryPolicy: null,
    });
    const { state: explicit } = await harness.publishWebhook({
      organizationId,
      url: receiver.url,
      retryPolicy: { preset: 'none' },
    });
    const event = jobCreatedEvent({ organizationId });

    await harness.publishEvent(event);

    const statusesOf = async (deliveryId: string, count: number) =>
      (await harness.waitForAttempts(deliveryId, count)).map((attempt) => attempt.deliveryStatus);
    expect(await statusesOf(deliveryIdFor(event.id, inheriting.id), 3)).toEqual([
      'retrying',
      'retrying',
      'failed',
    ]);
    expect(await statusesOf(deliveryIdFor(event.id, explicit.id), 1)).toEqual(['failed']);

    // Removed: the catalog's default (standard for job.created) applies again.
    await harness.publisher.send(Topics.deliveryDefaults, [{ key, value: null }]);
    await eventually(() => expect(table.of(organizationId, 'job.created')).toBeUndefined());
    const later = jobCreatedEvent({ organizationId });
    await harness.publishEvent(later);
    const [first] = await harness.waitForAttempts(deliveryIdFor(later.id, inheriting.id), 1);
    expect(first.deliveryStatus).toBe('retrying');
    expect(Date.parse(first.nextAttemptAt ?? '') - Date.parse(first.startedAt)).toBeGreaterThan(3_000);
  });

  it('follows no redirect: a 302 is a failed attempt', async () => {
    const organizationId = harness.organization('redirect');
    const receiver = await harness.receiver((request) =>
      request.path === '/moved' ? { status: 200 } : { status: 302, headers: { location: '/moved' } },
    );
    const { state: webhook } = await harness.publishWebhook({
      organizationId,
      url: `${receiver.url}/hook`,
      retryPolicy: { preset: 'none' },
    });
    const event = jobCreatedEvent({ organizationId });

    await harness.publishEvent(event);

    const [attempt] = await harness.waitForAttempts(deliveryIdFor(event.id, webhook.id), 1);
    expect(attempt).toMatchObject({ responseStatus: 302, outcome: 'http_3xx', deliveryStatus: 'failed' });
    expect(receiver.requests.map((request) => request.path)).toEqual(['/hook']);
  });

  it('asks for a webhook answering 410 Gone to be disabled, and stops retrying it', async () => {
    const organizationId = harness.organization('gone');
    const receiver = await harness.receiver(() => ({ status: 410 }));
    const { state: webhook } = await harness.publishWebhook({ organizationId, url: receiver.url });
    const event = jobCreatedEvent({ organizationId });

    await harness.publishEvent(event);

    const signal = await eventually(() => {
      const found = harness.signals.messages.find((message) => message.key === webhook.id);
      expect(found).toBeDefined();
      return conforming(validateEndpointSignal, JSON.parse(found?.value ?? 'null'));
    });
    expect(signal).toMatchObject({
      kind: 'disable',
      webhookId: webhook.id,
      organizationId,
      reason: 'gone',
      detail: 'endpoint answered 410 Gone',
    });
    const [attempt] = await harness.waitForAttempts(deliveryIdFor(event.id, webhook.id), 1);
    expect(attempt).toMatchObject({ responseStatus: 410, deliveryStatus: 'failed', nextAttemptAt: null });
    expect(receiver.requests).toHaveLength(1);
  });

  it('honours Retry-After on 503 (never sooner than asked), and reports the recovery', async () => {
    const organizationId = harness.organization('retry_after');
    const receiver = await harness.receiver((_, index) =>
      index === 0 ? { status: 503, headers: { 'retry-after': '3' } } : { status: 200 },
    );
    const { state: webhook } = await harness.publishWebhook({
      organizationId,
      url: receiver.url,
      retryPolicy: { preset: 'custom', delaysSeconds: [1] },
    });
    const event = jobCreatedEvent({ organizationId });
    const deliveryId = deliveryIdFor(event.id, webhook.id);

    await harness.publishEvent(event);

    const [first, second] = await harness.waitForAttempts(deliveryId, 2, 20_000);
    expect(first).toMatchObject({ responseStatus: 503, deliveryStatus: 'retrying' });
    expect(Date.parse(first.nextAttemptAt ?? '') - Date.parse(first.startedAt)).toBeGreaterThanOrEqual(3_000);
    expect(second).toMatchObject({ attempt: 2, outcome: 'success', deliveryStatus: 'succeeded' });
    const gapMs = receiver.requests[1].receivedAt - receiver.requests[0].receivedAt;
    expect(gapMs).toBeGreaterThanOrEqual(2_950);
    const recovered = await operationalEventOf('delivery.recovered', deliveryId);
    expect(recovered).toMatchObject({
      subject: webhook.id,
      data: { webhookId: webhook.id, failedAttemptsBefore: 1 },
    });
  });

  it('times out a hanging receiver and retries it', async () => {
    const organizationId = harness.organization('hang_once');
    const receiver = await harness.receiver((_, index) =>
      index === 0 ? { status: 200, hang: true } : { status: 204 },
    );
    const { state: webhook } = await harness.publishWebhook({
      organizationId,
      url: receiver.url,
      timeoutSeconds: 1,
      retryPolicy: { preset: 'custom', delaysSeconds: [1] },
    });
    const event = jobCreatedEvent({ organizationId });

    await harness.publishEvent(event);

    const [first, second] = await harness.waitForAttempts(deliveryIdFor(event.id, webhook.id), 2, 20_000);
    expect(first).toMatchObject({ outcome: 'timeout', responseStatus: null, deliveryStatus: 'retrying' });
    expect(first.durationMs).toBeGreaterThanOrEqual(900);
    expect(second).toMatchObject({ outcome: 'success', responseStatus: 204, deliveryStatus: 'succeeded' });
    expect(receiver.requests.map(idOf)).toEqual([event.id, event.id]);
  });

  it('isolates webhooks: a hanging endpoint does not delay deliveries to a healthy one of the same organization', async () => {
    const organizationId = harness.organization('isolation');
    const hanging = await harness.receiver(() => ({ status: 200, hang: true }));
    const healthy = await harness.receiver(() => ({ status: 200 }));
    const { state: slow } = await harness.publishWebhook({
      organizationId,
      url: hanging.url,
      timeoutSeconds: 15,
      maxConcurrency: 2,
      events: ['job.*'],
    });
    const { state: fine } = await harness.publishWebhook({
      organizationId,
      url: healthy.url,
      events: ['job.*'],
    });
    const events = jobEvents(organizationId, 24, (index) => `job_${index % 6}`);

    const started = Date.now();
    await harness.publishEvents(events);

    await eventually(
      () => expect(new Set(healthy.requests.map(idOf))).toEqual(new Set(events.map((event) => event.id))),
      {
        timeoutMs: 10_000,
      },
    );
    // Every healthy delivery is in while the hanging endpoint's first requests are still waiting for their timeout.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(hanging.requests.length).toBeGreaterThanOrEqual(1);
    expect(hanging.requests.length).toBeLessThanOrEqual(2);
    await eventually(() => {
      for (const event of events) {
        expect(harness.attemptsOf(deliveryIdFor(event.id, fine.id))[0]).toMatchObject({ outcome: 'success' });
      }
    });
    for (const event of events) {
      expect(harness.attemptsOf(deliveryIdFor(event.id, slow.id))).toEqual([]);
    }
  }, 40_000);

  it('enforces a webhook concurrency cap: requests beyond it are re-queued, not attempted in parallel or lost', async () => {
    const organizationId = harness.organization('cap');
    let open = 0;
    let mostOpen = 0;
    const receiver = await harness.receiver(() => {
      open += 1;
      mostOpen = Math.max(mostOpen, open);
      setTimeout(() => (open -= 1), 400);
      return { status: 200, delayMs: 400 };
    });
    const { state: webhook } = await harness.publishWebhook({
      organizationId,
      url: receiver.url,
      maxConcurrency: 1,
    });
    const events = jobEvents(organizationId, 5, (index) => `job_${index}`);

    await harness.publishEvents(events);

    await expectDeliveredFirstTime(events, webhook.id);
    expect(mostOpen).toBe(1);
    expect(new Set(receiver.requests.map(idOf)).size).toBe(5);
  }, 45_000);

  it('serves a burst for a capped webhook from memory: each waits for a slot, none goes back to Kafka', async () => {
    const organizationId = harness.organization('cap-burst');
    // As slow as the stall budget: no answer can come before the first check.
    const receiver = await harness.receiver(() => ({ status: 200, delayMs: 1_000 }));
    const { state: webhook } = await harness.publishWebhook({
      organizationId,
      url: receiver.url,
      maxConcurrency: 2,
    });
    const requeued = async () =>
      (await harness.app.get(DeliveryMetrics).requeued.get()).values.find(
        (value) => value.labels.reason === 'webhook_busy',
      )?.value ?? 0;
    const before = await requeued();
    const events = jobEvents(organizationId, 6, (index) => `job_burst_${index}`);

    await harness.publishEvents(events);

    await expectDeliveredFirstTime(events, webhook.id);
    expect(await requeued()).toBe(before);
  }, 60_000);

  it('delivers an ordered webhook’s events of one subject in order, holding them while the first is retried', async () => {
    const organizationId = harness.organization('ordered');
    const subject = 'job_ordered';
    const events = Array.from({ length: 5 }, () => jobCreatedEvent({ organizationId, subject }));
    const other = jobCreatedEvent({ organizationId, subject: 'job_other' });
    let firstFailures = 2;
    const receiver = await harness.receiver((request) => {
      if (idOf(request) === events[0].id && firstFailures > 0) {
        firstFailures -= 1;
        return { status: 500 };
      }
      return { status: 200 };
    });
    const { state: webhook } = await harness.publishWebhook({
      organizationId,
      url: receiver.url,
      ordered: true,
      retryPolicy: { preset: 'custom', delaysSeconds: [1, 1, 1] },
    });

    await harness.publishEvents(events);
    await harness.publishEvent(other);

    const last = events[events.length - 1];
    await harness.waitForAttempts(deliveryIdFor(last.id, webhook.id), 1, 30_000);
    const ofSubject = receiver.requests.filter((request) => idOf(request) !== other.id).map(idOf);
    expect(ofSubject).toEqual([
      events[0].id,
      events[0].id,
      events[0].id,
      ...events.slice(1).map((event) => event.id),
    ]);
    const attempts = harness.attemptsOf(deliveryIdFor(events[0].id, webhook.id));
    expect(attempts.map((attempt: AttemptEvent) => [attempt.attempt, attempt.deliveryStatus])).toEqual([
      [1, 'retrying'],
      [2, 'retrying'],
      [3, 'succeeded'],
    ]);
    // Another subject is not held behind the failing one.
    const otherAt = receiver.requests.findIndex((request) => idOf(request) === other.id);
    const firstSuccessAt = receiver.requests.findIndex(
      (request, index) => idOf(request) === events[0].id && index >= 2,
    );
    expect(otherAt).toBeGreaterThanOrEqual(0);
    expect(otherAt).toBeLessThan(firstSuccessAt);
  }, 45_000);

  it('parks oversized, unparseable and invalid messages on the DLQ and delivers the valid ones behind them', async () => {
    const organizationId = harness.organization('dlq');
    const subject = 'job_dlq';
    const receiver = await harness.receiver();
    const { state: webhook } = await harness.publishWebhook({ organizationId, url: receiver.url });
    const oversized = jobCreatedEvent({
      organizationId,
      subject,
      data: { ...jobCreatedEvent().data, name: 'x'.repeat(70_000) },
    });
    const valid = jobCreatedEvent({ organizationId, subject });

    await harness.publishRaw(organizationId, subject, Buffer.from(`not json ${newId('evt')}`));
    await harness.publishRaw(organizationId, subject, oversized);
    await harness.publishEvent(valid);

    await harness.waitForAttempts(deliveryIdFor(valid.id, webhook.id), 1);
    const parked = await eventually(() => {
      const mine = harness.deadLetters.messages.filter(
        (message) => message.key === `${organizationId}:${subject}`,
      );
      expect(mine).toHaveLength(2);
      return mine;
    });
    const reasons = parked.map((letter) => letter.headers['hookline-dlq-reason']).sort();
    expect(reasons).toEqual([
      expect.stringMatching(/^message is \d+ bytes, over the 65536-byte limit/),
      expect.stringContaining('not valid JSON'),
    ]);
    const tooLarge = parked.find((letter) => letter.headers['hookline-dlq-reason'].startsWith('message is'));
    expect(JSON.parse(tooLarge?.value ?? '')).toMatchObject({ id: oversized.id });
    expect(receiver.requests.map(idOf)).toEqual([valid.id]);
  });

  it('ends a delivery as expired, without a request, when its retry would come after the expiry', async () => {
    const organizationId = harness.organization('expiry');
    const receiver = await harness.receiver(() => ({ status: 500 }));
    const { state: webhook } = await harness.publishWebhook({
      organizationId,
      url: receiver.url,
      retryPolicy: { preset: 'custom', delaysSeconds: [30] },
    });
    const event = jobCreatedEvent({ organizationId, expiresAt: new Date(Date.now() + 2_500).toISOString() });

    await harness.publishEvent(event);

    const [first, second] = await harness.waitForAttempts(deliveryIdFor(event.id, webhook.id), 2, 20_000);
    expect(first).toMatchObject({
      outcome: 'http_5xx',
      deliveryStatus: 'retrying',
      nextAttemptAt: event.expiresAt,
    });
    expect(second).toMatchObject({
      attempt: 2,
      outcome: 'expired',
      deliveryStatus: 'expired',
      responseStatus: null,
    });
    expect(receiver.requests).toHaveLength(1);
  });

  it('sends a targeted event only to its webhook, once the routing table holds the version it names', async () => {
    const organizationId = harness.organization('targeted');
    const receiver = await harness.receiver();
    const bystander = await harness.receiver();
    const { state: target } = await harness.publishWebhook({
      organizationId,
      url: `${receiver.url}/target`,
      events: ['estimate.*'],
      active: false,
    });
    await harness.publishWebhook({ organizationId, url: bystander.url, events: ['*'] });
    const test = (webhookId: string): EventEnvelope => ({
      id: newId('evt'),
      type: 'webhook.test',
      organizationId,
      subject: webhookId,
      occurredAt: new Date().toISOString(),
      data: { webhookId, message: 'Webhook activated' },
      target: { webhookId, minVersion: 2 },
    });
    const early = test(target.id);
    const unknown = test('wh_deleted_meanwhile');

    await harness.publishEvent(early);
    await harness.publishEvent(unknown);
    await harness.publisher.send(Topics.subscriptions, [
      { key: target.id, value: { ...target, version: 2, url: `${receiver.url}/v2` } },
    ]);

    // Delivered with version 2 (its URL), though inactive and not subscribed to webhook.test.
    await eventually(() =>
      expect(receiver.requests.map((request) => [request.path, idOf(request)])).toEqual([['/v2', early.id]]),
    );
    await eventually(
      async () => {
        const dropped = await harness.app.get(DeliveryMetrics).dropped.get();
        expect(dropped.values.find((value) => value.labels.reason === 'target_unknown')?.value).toBe(1);
      },
      { timeoutMs: 15_000 },
    );
    expect(bystander.requests).toEqual([]);
    expect(receiver.requests).toHaveLength(1);
  }, 30_000);

  it('redelivers on command: one attempt now, with the given attempt number, delivery id and webhook-id', async () => {
    const organizationId = harness.organization('redeliver');
    const receiver = await harness.receiver();
    const { state: webhook } = await harness.publishWebhook({ organizationId, url: receiver.url });
    const event = jobCreatedEvent({ organizationId });
    const command = (webhookId: string, attempt: number): DeliveryCommand => ({
      kind: 'redeliver',
      commandId: newId('evt'),
      deliveryId: deliveryIdFor(event.id, webhookId),
      webhookId,
      organizationId,
      event,
      attempt,
      requestedAt: new Date().toISOString(),
    });

    await harness.publisher.send(Topics.commands, [
      { key: 'wh_gone', value: command('wh_gone', 2) },
      { key: webhook.id, value: command(webhook.id, 5) },
    ]);

    const [attempt] = await harness.waitForAttempts(deliveryIdFor(event.id, webhook.id), 1);
    expect(attempt).toMatchObject({
      attempt: 5,
      eventId: event.id,
      outcome: 'success',
      deliveryStatus: 'succeeded',
    });
    expect(receiver.requests.map(idOf)).toEqual([event.id]);
    expect(harness.attemptsOf(deliveryIdFor(event.id, 'wh_gone'))).toEqual([]);
  });
});
