import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { Topics, type WebhookState } from '@hookline/contracts';
import { KafkaPublisher } from '@hookline/kafka';
import { eventually } from '@hookline/testing';
import { SubscriptionTestContext } from '../../test/subscription-test-context';
import { TopicRecorder } from '../../test/topic-recorder';
import { DEFAULT_OUTBOX_RELAY_OPTIONS } from './outbox-relay.options';
import { OUTBOX_PUBLISHER, OutboxRelay } from './outbox-relay.service';
import { OutboxMetrics } from './outbox.metrics';
import { OutboxRepository } from './outbox.repository';

describe('the outbox during a Kafka outage (Postgres + Kafka)', () => {
  let context: SubscriptionTestContext;
  let deadPublisher: KafkaPublisher;
  let livePublisher: KafkaPublisher;
  let subscriptions: TopicRecorder;
  let relay: OutboxRelay | null = null;

  beforeAll(async () => {
    // Nothing listens on port 1: every send the service's relay makes fails, as in an outage.
    deadPublisher = new KafkaPublisher(
      new Kafka({
        clientId: 'outage-int',
        brokers: ['127.0.0.1:1'],
        logLevel: logLevel.NOTHING,
        retry: { retries: 1, initialRetryTime: 50, maxRetryTime: 100 },
        connectionTimeout: 200,
      }),
    );
    context = await SubscriptionTestContext.start('outage-int', {}, (builder) =>
      builder.overrideProvider(OUTBOX_PUBLISHER).useValue(deadPublisher),
    );
    livePublisher = new KafkaPublisher(context.kafka);
    await livePublisher.connect();
    subscriptions = await context.recordTopic(Topics.subscriptions);
  });

  afterAll(async () => {
    await relay?.stop();
    await subscriptions?.stop();
    await livePublisher?.disconnect();
    await context?.stop();
  });

  const unpublished = async (key: string): Promise<number> => {
    const [{ count }] = await context.database.query<Array<{ count: number }>>(
      'SELECT count(*)::int AS count FROM subscription.outbox WHERE key = $1 AND published_at IS NULL',
      [key],
    );
    return count;
  };

  it('keeps the changes made while Kafka is unreachable and publishes them, in order, once it is back', async () => {
    const sendMany = jest.spyOn(deadPublisher, 'sendMany');
    const { apiKey } = await context.createOrganization('Outage Corp');
    const webhook = await context.createWebhook(apiKey.key);
    await context.patchWebhook(apiKey.key, webhook.id, { name: 'Renamed during the outage' });
    await context.patchWebhook(apiKey.key, webhook.id, { active: true });

    await eventually(() => expect(sendMany.mock.calls.length).toBeGreaterThanOrEqual(2));
    expect(await unpublished(webhook.id)).toBe(3);
    expect(subscriptions.keyed(webhook.id)).toEqual([]);

    // Kafka is back: the relay (the service's, stopped here) starts again with a working producer.
    const app: INestApplication = context.running.app;
    await app.get(OutboxRelay).stop();
    relay = new OutboxRelay(
      new OutboxRepository(context.database),
      livePublisher,
      { ...DEFAULT_OUTBOX_RELAY_OPTIONS, pollIntervalMs: 50 },
      app.get(OutboxMetrics),
    );
    relay.start();

    await eventually(() => expect(subscriptions.keyed(webhook.id)).toHaveLength(3));
    expect(
      subscriptions.keyed(webhook.id).map((message) => {
        const state = message.value as WebhookState;
        return [state.version, state.active];
      }),
    ).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(await unpublished(webhook.id)).toBe(0);
  });
});
