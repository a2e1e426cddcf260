import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Kafka } from 'kafkajs';
import {
  ATTEMPT_EVENT_SCHEMA,
  KafkaHeaders,
  Topics,
  domainMessageKey,
  domainTopic,
  type AttemptEvent,
  type EventEnvelope,
  type WebhookState,
  validateAttemptEvent,
} from '@hookline/contracts';
import { KafkaPublisher, createKafka, parseBrokerList } from '@hookline/kafka';
import { KAFKA, loadConfig } from '@hookline/platform';
import {
  LOOPBACK_EGRESS_ENV,
  TestReceiver,
  eventually,
  testEnvironment,
  type ReplyPolicy,
  conforming,
} from '@hookline/testing';
import { AppModule } from '../src/app.module';
import { DeliveryEnv } from '../src/config/delivery.env';
import { DeliveryCommandsConsumer } from '../src/commands/delivery-commands.consumer';
import { DomainEventsConsumer } from '../src/dispatch/domain-events.consumer';
import { DeliveryMetrics } from '../src/metrics/delivery.metrics';
import { OrderedLaneConsumer } from '../src/ordering/ordered-lane.consumer';
import { RetryTiersConsumer } from '../src/retry-tiers/retry-tiers.consumer';
import type { RoutedEvent } from '../src/routing/match-endpoints';
import { RoutingService } from '../src/routing/routing.service';
import { TEST_SECRETS_ENCRYPTION_KEYS, testSecretBox, webhookFixture, type WebhookFixture } from './fixtures';
import { TopicCollector } from './kafka-helpers';

export interface DeliveryHarness {
  kafka: Kafka;
  publisher: KafkaPublisher;
  app: INestApplication;
  routing: RoutingService;
  attempts: TopicCollector;
  deadLetters: TopicCollector;
  signals: TopicCollector;
  operational: TopicCollector;
  organization(name: string): string;
  receiver(reply?: ReplyPolicy): Promise<TestReceiver>;
  publishWebhook(overrides: Partial<WebhookState>): Promise<WebhookFixture>;
  publishEvent(event: EventEnvelope): Promise<void>;
  /** Publishes `events` one after the other, each once the previous one is written. */
  publishEvents(events: readonly EventEnvelope[]): Promise<void>;
  publishRaw(
    organizationId: string,
    subject: string,
    value: unknown,
    headers?: Record<string, string>,
  ): Promise<void>;
  /** Attempt events of a delivery written by the app under test, in attempt order. */
  attemptsOf(deliveryId: string): AttemptEvent[];
  waitForAttempts(deliveryId: string, count: number, timeoutMs?: number): Promise<AttemptEvent[]>;
  stopReceivers(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * delivery-service in-process against the real broker. Other suites and services share that broker,
 * so the app only routes this run's organizations, and its groups start at the topics' current end.
 * Other delivery processes on the broker cannot open this run's secrets: what they write about our
 * deliveries is `blocked`, and `attemptsOf` leaves it out.
 */
export async function startDeliveryHarness(
  suite: string,
  env: Record<string, string> = {},
): Promise<DeliveryHarness> {
  const { kafkaBrokers, runId } = testEnvironment();
  const organizationPrefix = `org_${runId}_${suite}_`;
  const groupId = `delivery-${suite}-${runId}`;
  const box = testSecretBox();
  const receivers: TestReceiver[] = [];

  class RunScopedRoutingService extends RoutingService {
    override matchEndpoints(event: RoutedEvent): WebhookState[] {
      return event.organizationId.startsWith(organizationPrefix) ? super.matchEndpoints(event) : [];
    }

    override webhook(webhookId: string): WebhookState | null {
      const state = super.webhook(webhookId);
      return state?.organizationId.startsWith(organizationPrefix) ? state : null;
    }
  }

  const kafka = createKafka({ brokers: parseBrokerList(kafkaBrokers), clientId: groupId, logLevel: 'error' });
  const publisher = new KafkaPublisher(kafka);
  await publisher.connect();
  const [attempts, deadLetters, signals, operational] = await Promise.all([
    TopicCollector.start(kafka, Topics.attempts, `${groupId}-attempts`),
    TopicCollector.start(kafka, Topics.dlq, `${groupId}-dlq`),
    TopicCollector.start(kafka, Topics.signals, `${groupId}-signals`),
    TopicCollector.start(kafka, domainTopic('delivery'), `${groupId}-operational`),
  ]);
  const config = loadConfig(DeliveryEnv, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: kafkaBrokers,
    SECRETS_ENCRYPTION_KEYS: TEST_SECRETS_ENCRYPTION_KEYS,
    DELIVERY_CONSUMER_GROUP: groupId,
    DELIVERY_START_FROM: 'latest',
    ...LOOPBACK_EGRESS_ENV,
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(RoutingService)
    .useFactory({
      inject: [KAFKA, DeliveryEnv, DeliveryMetrics],
      factory: (client: Kafka, settings: DeliveryEnv, metrics: DeliveryMetrics) =>
        new RunScopedRoutingService(client, settings, metrics),
    })
    .compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  await app.init();
  const routing = app.get(RoutingService);
  await eventually(
    async () => {
      for (const consumer of [
        DomainEventsConsumer,
        RetryTiersConsumer,
        OrderedLaneConsumer,
        DeliveryCommandsConsumer,
      ]) {
        await app.get(consumer).check();
      }
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );

  const ownAttempts = (deliveryId: string): AttemptEvent[] =>
    attempts.messages
      // Outcomes only: starts and hold notices share the topic.
      .filter((message) => message.key === deliveryId && isAttemptOutcome(message.headers))
      .map((message) => conforming(validateAttemptEvent, JSON.parse(message.value ?? 'null')))
      // Written by another delivery process that cannot open this run's secrets.
      .filter((event) => !(event.error ?? '').includes('cannot sign or authenticate'))
      .sort((a, b) => a.attempt - b.attempt || Date.parse(a.startedAt) - Date.parse(b.startedAt));

  const publishRaw = async (
    organizationId: string,
    subject: string,
    value: unknown,
    headers: Record<string, string> = {},
  ) => {
    await publisher.send(domainTopic('job'), [
      { key: domainMessageKey(organizationId, subject), value, headers },
    ]);
  };

  async function publishEvent(event: EventEnvelope): Promise<void> {
    const resource = event.type.slice(0, event.type.indexOf('.'));
    await publisher.send(domainTopic(resource), [
      {
        key: domainMessageKey(event.organizationId, event.subject),
        value: event,
        headers: { [KafkaHeaders.eventType]: event.type },
      },
    ]);
  }

  return {
    kafka,
    publisher,
    app,
    routing,
    attempts,
    deadLetters,
    signals,
    operational,
    organization: (name) => `${organizationPrefix}${name}`,
    async receiver(reply) {
      const receiver = await TestReceiver.start(reply);
      receivers.push(receiver);
      return receiver;
    },
    async publishWebhook(overrides) {
      const fixture = webhookFixture(box, overrides);
      await publisher.send(Topics.subscriptions, [{ key: fixture.state.id, value: fixture.state }]);
      await eventually(() => expect(routing.webhook(fixture.state.id)?.version).toBe(fixture.state.version));
      return fixture;
    },
    publishEvent,
    async publishEvents(events) {
      for (const event of events) {
        await publishEvent(event);
      }
    },
    publishRaw,
    attemptsOf: ownAttempts,
    waitForAttempts: (deliveryId, count, timeoutMs = 30_000) =>
      eventually(
        () => {
          const recorded = ownAttempts(deliveryId);
          expect(recorded.length).toBeGreaterThanOrEqual(count);
          return recorded;
        },
        { timeoutMs },
      ),
    async stopReceivers() {
      await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
    },
    async stop() {
      await app.close();
      await Promise.all([attempts.stop(), deadLetters.stop(), signals.stop(), operational.stop()]);
      await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
      await publisher.disconnect();
    },
  };
}

/** An attempt's outcome on `hookline.attempts.v1`, not its start or a hold notice. */
export function isAttemptOutcome(headers: Readonly<Record<string, string>>): boolean {
  return headers[KafkaHeaders.schema] === ATTEMPT_EVENT_SCHEMA;
}
