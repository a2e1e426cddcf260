import { createHmac } from 'node:crypto';
import { Registry } from 'prom-client';
import { Webhook } from 'standardwebhooks';
import {
  ATTEMPT_EVENT_SCHEMA,
  KafkaHeaders,
  Topics,
  deliveryIdFor,
  domainMessageKey,
  domainTopic,
  newId,
  type AttemptEvent,
  type EventEnvelope,
  type WebhookState,
  validateAttemptEvent,
} from '@hookline/contracts';
import { TestReceiver, eventually, type ReplyPolicy, conforming } from '@hookline/testing';
import { jobCreatedEvent } from '../test/fixtures';
import { isAttemptOutcome, startDeliveryHarness, type DeliveryHarness } from '../test/delivery-harness';

describe('delivery-service', () => {
  let harness: DeliveryHarness;
  let app: DeliveryHarness['app'];
  let routing: DeliveryHarness['routing'];
  let publisher: DeliveryHarness['publisher'];
  let attempts: DeliveryHarness['attempts'];
  let deadLetters: DeliveryHarness['deadLetters'];

  beforeAll(async () => {
    harness = await startDeliveryHarness('app');
    ({ app, routing, publisher, attempts, deadLetters } = harness);
  }, 90_000);

  afterEach(() => harness.stopReceivers());

  afterAll(() => harness?.stop());

  const organizationOf = (name: string) => harness.organization(name);

  function startReceiver(reply?: ReplyPolicy): Promise<TestReceiver> {
    return harness.receiver(reply);
  }

  /** Publishes a webhook state as subscription-service would, and waits until routing holds it. */
  function publishWebhook(overrides: Partial<WebhookState>) {
    return harness.publishWebhook(overrides);
  }

  function publishEvent(event: EventEnvelope): Promise<void> {
    return harness.publishEvent(event);
  }

  function publishRaw(
    organizationId: string,
    subject: string,
    value: unknown,
    headers: Record<string, string> = {},
  ) {
    return harness.publishRaw(organizationId, subject, value, headers);
  }

  function attemptsFor(deliveryId: string): Array<{ event: AttemptEvent; headers: Record<string, string> }> {
    return attempts.messages
      .filter((message) => message.key === deliveryId && isAttemptOutcome(message.headers))
      .map((message) => ({
        event: conforming(validateAttemptEvent, JSON.parse(message.value ?? 'null')),
        headers: message.headers,
      }))
      .filter(({ event }) => !(event.error ?? '').includes('cannot sign or authenticate'));
  }

  async function waitForAttempt(
    deliveryId: string,
  ): Promise<{ event: AttemptEvent; headers: Record<string, string> }> {
    return eventually(
      () => {
        const [recorded] = attemptsFor(deliveryId);
        expect(recorded).toBeDefined();
        return recorded;
      },
      { timeoutMs: 30_000 },
    );
  }

  it('delivers a signed event to every matching webhook and records the attempt', async () => {
    const organizationId = organizationOf(`ok`);
    const standard = await startReceiver();
    const legacy = await startReceiver();
    const { state: webhook, secrets } = await publishWebhook({
      organizationId,
      url: `${standard.url}/hooks`,
      events: ['job.*'],
      headers: { 'X-Tenant': 'acme' },
    });
    const { state: hexWebhook, secrets: hexSecrets } = await publishWebhook({
      organizationId,
      url: `${legacy.url}/legacy`,
      events: ['*'],
      signatureScheme: { type: 'hmac-sha256-hex', header: 'x-archilogic-signature' },
    });
    const event = jobCreatedEvent({ organizationId, subject: 'job_ok' });

    await publishEvent(event);

    const { event: attempt, headers } = await waitForAttempt(deliveryIdFor(event.id, webhook.id));
    expect(headers[KafkaHeaders.schema]).toBe(ATTEMPT_EVENT_SCHEMA);
    expect(attempt).toMatchObject({
      deliveryId: deliveryIdFor(event.id, webhook.id),
      eventId: event.id,
      eventType: 'job.created',
      organizationId,
      webhookId: webhook.id,
      subject: 'job_ok',
      url: webhook.url,
      attempt: 1,
      responseStatus: 200,
      outcome: 'success',
      deliveryStatus: 'succeeded',
      nextAttemptAt: null,
      error: null,
      eventOccurredAt: event.occurredAt,
      payload: { id: event.id, type: event.type, timestamp: event.occurredAt, data: event.data },
    });
    expect(attempt.attemptId).toMatch(/^att_/);
    expect(attempt.requestHeaders).toMatchObject({
      'webhook-id': event.id,
      'webhook-signature': '[redacted]',
    });

    expect(standard.requests).toHaveLength(1);
    const [received] = standard.requests;
    expect(received).toMatchObject({ method: 'POST', path: '/hooks' });
    expect(received.headers).toMatchObject({
      'webhook-id': event.id,
      'content-type': 'application/json',
      'x-tenant': 'acme',
      'user-agent': expect.stringMatching(/^Hookline\/\d+\.\d+\.\d+/),
    });
    expect(JSON.parse(received.body)).toEqual({
      id: event.id,
      type: event.type,
      timestamp: event.occurredAt,
      data: event.data,
    });
    expect(new Webhook(secrets[0]).verify(received.body, received.headers as Record<string, string>)).toEqual(
      JSON.parse(received.body),
    );

    await waitForAttempt(deliveryIdFor(event.id, hexWebhook.id));
    const metrics = await app.get(Registry).getSingleMetricAsString('hookline_delivery_attempts_total');
    expect(metrics).toMatch(/hookline_delivery_attempts_total\{outcome="success"[^}]*\} [1-9]/);
    expect(legacy.requests).toHaveLength(1);
    expect(legacy.requests[0].body).toBe(received.body);
    expect(legacy.requests[0].headers['x-archilogic-signature']).toBe(
      createHmac('sha256', hexSecrets[0]).update(legacy.requests[0].body).digest('hex'),
    );
  });

  it.each([
    [302, 'http_3xx'],
    [500, 'http_5xx'],
  ])('records a %i answer as %s and follows no redirect', async (status, outcome) => {
    const organizationId = organizationOf(`status_${status}`);
    const receiver = await startReceiver((request) =>
      request.path === '/moved' ? { status: 200 } : { status, headers: { location: '/moved' }, body: 'no' },
    );
    const { state: webhook } = await publishWebhook({
      organizationId,
      url: `${receiver.url}/hook`,
      retryPolicy: { preset: 'none' },
    });
    const event = jobCreatedEvent({ organizationId });

    await publishEvent(event);

    const { event: attempt } = await waitForAttempt(deliveryIdFor(event.id, webhook.id));
    expect(attempt).toMatchObject({
      responseStatus: status,
      outcome,
      deliveryStatus: 'failed',
      responseBody: 'no',
    });
    expect(receiver.requests.map((request) => request.path)).toEqual(['/hook']);
  });

  it('sends unparseable and invalid messages to the DLQ with the reason, and keeps the partition flowing', async () => {
    const organizationId = organizationOf(`dlq`);
    const subject = 'job_dlq';
    const key = domainMessageKey(organizationId, subject);
    const receiver = await startReceiver();
    const { state: webhook } = await publishWebhook({ organizationId, url: receiver.url });
    const garbage = Buffer.from(`not json ${newId('evt')}`);
    const invalid = { ...jobCreatedEvent({ organizationId, subject }), type: 'job.exploded' };
    const created = jobCreatedEvent({ organizationId, subject });
    const invalidData = { ...created, id: newId('evt'), data: { ...created.data, unexpected: 1 } };
    // Nobody receives this organization's events: its data is never checked, nothing is parked. Same key
    // (so the same partition) as the valid event: it has been read once the valid one is delivered.
    const unrouted = { ...invalidData, id: newId('evt'), organizationId: organizationOf('dlq_nobody') };
    const valid = jobCreatedEvent({ organizationId, subject });

    await publishRaw(organizationId, subject, garbage);
    await publishRaw(organizationId, subject, invalid);
    await publishRaw(organizationId, subject, invalidData);
    await publishRaw(organizationId, subject, unrouted);
    await publishEvent(valid);

    await waitForAttempt(deliveryIdFor(valid.id, webhook.id));
    const parked = await eventually(() => {
      const mine = deadLetters.messages.filter((message) => message.key === key);
      expect(mine).toHaveLength(3);
      return mine;
    });
    // Each batch parks its refusals on its own: across batches the DLQ order may differ from the source's.
    const parkedWith = (text: string) => {
      const found = parked.find((message) => message.value?.includes(text));
      expect(found).toBeDefined();
      return found as (typeof parked)[number];
    };
    const unparseable = parkedWith(garbage.toString());
    expect(unparseable.value).toBe(garbage.toString());
    expect(unparseable.headers).toMatchObject({
      [KafkaHeaders.dlqReason]: expect.stringContaining('not valid JSON'),
      [KafkaHeaders.dlqSourceTopic]: domainTopic('job'),
      [KafkaHeaders.dlqConsumer]: 'delivery-service',
    });
    const unknownType = parkedWith(invalid.id);
    expect(JSON.parse(unknownType.value ?? '')).toEqual(invalid);
    expect(unknownType.headers[KafkaHeaders.dlqReason]).toContain('job.exploded');
    expect(parkedWith(invalidData.id).headers[KafkaHeaders.dlqReason]).toContain(
      'data.unexpected is not allowed',
    );
    expect(parked.map((message) => message.value)).not.toContainEqual(expect.stringContaining(unrouted.id));
    expect(receiver.requests).toHaveLength(1);
    expect(JSON.parse(receiver.requests[0].body)).toMatchObject({ id: valid.id });
  });

  it('sends nothing to an inactive webhook or for a type nobody subscribed to', async () => {
    const organizationId = organizationOf(`quiet`);
    const subject = 'job_quiet';
    const receiver = await startReceiver();
    const { state: inactive } = await publishWebhook({
      organizationId,
      url: `${receiver.url}/inactive`,
      events: ['job.created'],
      active: false,
    });
    const { state: updatesOnly } = await publishWebhook({
      organizationId,
      url: `${receiver.url}/updates`,
      events: ['job.updated'],
    });
    const ignored = jobCreatedEvent({ organizationId, subject });
    const updated = { ...jobCreatedEvent({ organizationId, subject }), type: 'job.updated' };
    updated.data = { ...updated.data, changedFields: ['name'] };

    await publishEvent(ignored);
    // Same key, so the same partition: by the time this one is delivered, the first was handled.
    await publishEvent(updated);

    await waitForAttempt(deliveryIdFor(updated.id, updatesOnly.id));
    expect(receiver.requests.map((request) => request.path)).toEqual(['/updates']);
    expect(JSON.parse(receiver.requests[0].body)).toMatchObject({ id: updated.id, type: 'job.updated' });
    expect(attemptsFor(deliveryIdFor(ignored.id, inactive.id))).toEqual([]);
    expect(attemptsFor(deliveryIdFor(ignored.id, updatesOnly.id))).toEqual([]);
  });

  it('stops routing to a deleted webhook', async () => {
    const organizationId = organizationOf(`deleted`);
    const subject = 'job_deleted';
    const receiver = await startReceiver();
    const { state: deleted } = await publishWebhook({ organizationId, url: `${receiver.url}/deleted` });
    const { state: kept } = await publishWebhook({ organizationId, url: `${receiver.url}/kept` });
    await publisher.send(Topics.subscriptions, [{ key: deleted.id, value: null }]);
    await eventually(() => expect(routing.webhook(deleted.id)).toBeNull());
    const event = jobCreatedEvent({ organizationId, subject });

    await publishEvent(event);

    await waitForAttempt(deliveryIdFor(event.id, kept.id));
    expect(receiver.requests.map((request) => request.path)).toEqual(['/kept']);
  });
});
