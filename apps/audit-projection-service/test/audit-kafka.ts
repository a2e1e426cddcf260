import {
  Topics,
  type ApiKeyRecord,
  type ApiScope,
  type AttemptEvent,
  type DeliveryCommand,
  type WebhookState,
} from '@hookline/contracts';
import { KafkaPublisher, createKafka, decodeJson, readHeaders } from '@hookline/kafka';
import { generateApiKey } from '@hookline/security';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';

export interface CommandSeen {
  key: string | null;
  command: DeliveryCommand;
}

export interface DeadLetterSeen {
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** What the integration tests put on (and read off) the topics the service consumes. */
export class AuditKafka {
  readonly kafka: Kafka;
  readonly publisher: KafkaPublisher;
  private readonly consumers: Consumer[] = [];

  constructor(brokers: string) {
    this.kafka = createKafka({
      clientId: 'audit-projection-int-test',
      brokers: brokers.split(','),
      logLevel: 'error',
    });
    this.publisher = new KafkaPublisher(this.kafka);
  }

  async connect(): Promise<void> {
    await this.publisher.connect();
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.disconnect()));
    await this.publisher.disconnect();
  }

  async sendAttempts(...events: AttemptEvent[]): Promise<void> {
    for (const event of events) {
      await this.publisher.send(Topics.attempts, [{ key: event.deliveryId, value: event }]);
    }
  }

  /** In one produce request, so they reach the consumer side by side on their partitions. */
  async sendAttemptsTogether(...events: AttemptEvent[]): Promise<void> {
    await this.publisher.send(
      Topics.attempts,
      events.map((event) => ({ key: event.deliveryId, value: event })),
    );
  }

  async sendRawAttempt(key: string, value: Buffer): Promise<void> {
    await this.publisher.send(Topics.attempts, [{ key, value }]);
  }

  async sendWebhookState(state: WebhookState): Promise<void> {
    await this.publisher.send(Topics.subscriptions, [{ key: state.id, value: state }]);
  }

  async deleteWebhook(webhookId: string): Promise<void> {
    await this.publisher.send(Topics.subscriptions, [{ key: webhookId, value: null }]);
  }

  /** Publishes a fresh key and returns the secret a caller sends as `Bearer`. */
  async createApiKey(organizationId: string, scopes: ApiScope[], id: string): Promise<string> {
    const generated = generateApiKey();
    const record: ApiKeyRecord = { id, organizationId, hash: generated.hash, scopes, revokedAt: null };
    await this.publisher.send(Topics.apiKeys, [{ key: id, value: record }]);
    return generated.key;
  }

  /** Collects the DLQ from the beginning under a group of this run. */
  async watchDeadLetters(groupId: string): Promise<DeadLetterSeen[]> {
    const seen: DeadLetterSeen[] = [];
    await this.watch(groupId, Topics.dlq, (message) => {
      seen.push({
        key: message.key?.toString() ?? null,
        value: message.value?.toString() ?? '',
        headers: readHeaders(message.headers),
      });
    });
    return seen;
  }

  /** Collects `hookline.commands.v1` from the beginning under a group of this run. */
  async watchCommands(groupId: string): Promise<CommandSeen[]> {
    const seen: CommandSeen[] = [];
    await this.watch(groupId, Topics.commands, (message) => {
      // Other teams' tests share the topic; what is not a JSON command is not ours.
      const decoded = decodeJson(message.value);
      if (decoded.ok) {
        seen.push({ key: message.key?.toString() ?? null, command: decoded.value as DeliveryCommand });
      }
    });
    return seen;
  }

  /** Reads `topic` from the beginning until `disconnect`, handing each message to `onMessage`. */
  private async watch(
    groupId: string,
    topic: string,
    onMessage: (message: KafkaMessage) => void,
  ): Promise<void> {
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => onMessage(message) });
  }
}
