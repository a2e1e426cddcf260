import type { Admin } from 'kafkajs';
import {
  KafkaHeaders,
  Topics,
  domainTopic,
  type EndpointSignal,
  type EventEnvelope,
  type WebhookState,
} from '@hookline/contracts';
import { KafkaPublisher } from '@hookline/kafka';
import { eventually } from '@hookline/testing';
import { SubscriptionTestContext, type WebhookBody } from '../../test/subscription-test-context';
import { TopicRecorder } from '../../test/topic-recorder';

describe('endpoint signals (Kafka + Postgres)', () => {
  let context: SubscriptionTestContext;
  let publisher: KafkaPublisher;
  let admin: Admin;
  let domainEvents: TopicRecorder;
  let subscriptions: TopicRecorder;
  let deadLetters: TopicRecorder;
  let token: string;
  let organizationId: string;
  let groupId: string;

  const disabledEventsOf = (webhookId: string): EventEnvelope[] =>
    domainEvents.messages
      .map((message) => message.value as EventEnvelope | null)
      .filter(
        (event): event is EventEnvelope => event?.type === 'webhook.disabled' && event.subject === webhookId,
      );
  const statesOf = (webhookId: string): WebhookState[] =>
    subscriptions.keyed(webhookId).map((message) => message.value as WebhookState);
  const read = async (webhookId: string): Promise<WebhookBody> =>
    (await context.http.request<WebhookBody>('GET', `/v1/webhooks/${webhookId}`, { token })).body;

  const signal = (webhook: WebhookBody, overrides: Partial<EndpointSignal> = {}): EndpointSignal => ({
    kind: 'disable',
    webhookId: webhook.id,
    organizationId,
    reason: 'gone',
    detail: 'POST https://hooks.example.com/hookline answered 410',
    at: new Date().toISOString(),
    ...overrides,
  });

  /** Produces the value and waits until the service's group has committed past it: it was handled. */
  const produceAndAwaitHandled = async (key: string, value: unknown): Promise<void> => {
    const [metadata] = await publisher.send(Topics.signals, [{ key, value }]);
    const handledOffset = BigInt(metadata.baseOffset ?? '0') + 1n;
    await eventually(
      async () => {
        const [topic] = await admin.fetchOffsets({ groupId, topics: [Topics.signals] });
        const partition = topic.partitions.find((candidate) => candidate.partition === metadata.partition);
        expect(BigInt(partition?.offset ?? '-1')).toBeGreaterThanOrEqual(handledOffset);
      },
      { timeoutMs: 30_000 },
    );
  };

  beforeAll(async () => {
    context = await SubscriptionTestContext.start('signals-int');
    groupId = `${context.runId}-signals-int-signals`;
    publisher = new KafkaPublisher(context.kafka);
    await publisher.connect();
    admin = context.kafka.admin();
    await admin.connect();
    domainEvents = await context.recordTopic(domainTopic('webhook'));
    subscriptions = await context.recordTopic(Topics.subscriptions);
    deadLetters = await context.recordTopic(Topics.dlq);
    const organization = await context.createOrganization('Signals Ltd');
    token = organization.apiKey.key;
    organizationId = organization.id;
  });

  afterAll(async () => {
    await domainEvents?.stop();
    await subscriptions?.stop();
    await deadLetters?.stop();
    await admin?.disconnect();
    await publisher?.disconnect();
    await context?.stop();
  });

  it('a disable signal switches the webhook off with the reason visible, and announces webhook.disabled', async () => {
    const webhook = await context.createWebhook(token, { active: true });

    await produceAndAwaitHandled(webhook.id, signal(webhook));

    const disabled = await read(webhook.id);
    expect(disabled).toMatchObject({
      active: false,
      disabledReason: 'endpoint answered 410 Gone',
      disabledAt: expect.any(String),
      version: 2,
    });
    await eventually(() => expect(statesOf(webhook.id).at(-1)).toMatchObject({ version: 2, active: false }));
    const [event] = await eventually(() => {
      const events = disabledEventsOf(webhook.id);
      expect(events).toHaveLength(1);
      return events;
    });
    expect(event).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'webhook.disabled',
      organizationId,
      subject: webhook.id,
      occurredAt: disabled.disabledAt,
      expiresAt: null,
      data: { webhookId: webhook.id, reason: 'endpoint answered 410 Gone', disabledAt: disabled.disabledAt },
    });
    const [message] = domainEvents.messages.filter(
      (candidate) => (candidate.value as EventEnvelope | null)?.id === event.id,
    );
    expect(message.key).toBe(`${organizationId}:${webhook.id}`);
    expect(message.headers[KafkaHeaders.eventType]).toBe('webhook.disabled');
  });

  it('handles a duplicate signal as a no-op', async () => {
    const webhook = await context.createWebhook(token, { active: true });
    const original = signal(webhook, {
      reason: 'failing',
      detail: 'since 2026-11-20T08:00:00Z, 212 failed attempts',
    });
    await produceAndAwaitHandled(webhook.id, original);

    await produceAndAwaitHandled(webhook.id, original);

    expect(await read(webhook.id)).toMatchObject({
      active: false,
      version: 2,
      disabledReason: 'endpoint failing continuously (since 2026-11-20T08:00:00Z, 212 failed attempts)',
    });
    const [{ count }] = await context.database.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM subscription.outbox
       WHERE topic = $1 AND key = $2 AND payload->>'type' = 'webhook.disabled'`,
      [domainTopic('webhook'), `${organizationId}:${webhook.id}`],
    );
    expect(count).toBe(1);
  });

  it('switching the webhook on again clears the reason, and a late copy of the old signal does not switch it off', async () => {
    const webhook = await context.createWebhook(token, { active: true });
    const old = signal(webhook);
    await produceAndAwaitHandled(webhook.id, old);

    const reactivated = await context.patchWebhook(token, webhook.id, { active: true });
    await produceAndAwaitHandled(webhook.id, old);

    expect(reactivated).toMatchObject({ active: true, disabledReason: null, disabledAt: null, version: 3 });
    expect(await read(webhook.id)).toMatchObject({ active: true, version: 3 });
  });

  it('ignores a signal for an inactive webhook, or one naming another organization', async () => {
    const inactive = await context.createWebhook(token);
    const active = await context.createWebhook(token, { active: true });

    await produceAndAwaitHandled(inactive.id, signal(inactive));
    await produceAndAwaitHandled(active.id, signal(active, { organizationId: 'org_someone_else' }));

    expect(await read(inactive.id)).toMatchObject({ active: false, disabledReason: null, version: 1 });
    expect(await read(active.id)).toMatchObject({ active: true, disabledReason: null, version: 1 });
  });

  it('parks a message that is not a valid signal on the DLQ with the reason, and keeps consuming', async () => {
    const key = `not-a-signal-${context.runId}`;

    await produceAndAwaitHandled(key, { kind: 'explode', webhookId: 'wh_x' });

    const [parked] = await eventually(() => {
      const letters = deadLetters.keyed(key);
      expect(letters).toHaveLength(1);
      return letters;
    });
    expect(parked.headers[KafkaHeaders.dlqSourceTopic]).toBe(Topics.signals);
    expect(parked.headers[KafkaHeaders.dlqReason]).toContain('kind must be disable');
  });
});
