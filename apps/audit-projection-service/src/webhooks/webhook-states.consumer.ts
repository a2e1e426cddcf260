import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Topics } from '@hookline/contracts';
import {
  KafkaPublisher,
  type KafkaBatchConsumer,
  sendToDeadLetterQueue,
  type ConsumedBatch,
  type DeadLetter,
  type FailureStreak,
} from '@hookline/kafka';
import { KAFKA, createDeadLetteringConsumer } from '@hookline/platform';
import { Registry } from 'prom-client';
import type { Kafka } from 'kafkajs';
import { decodeBatch } from '../common/decode-batch';
import { AuditEnv } from '../config/audit.env';
import { AuditMetrics } from '../metrics/audit.metrics';
import { parseWebhookMessage } from './parse-webhook-message';
import { WebhooksService } from './webhooks.service';

const CONSUMER_NAME = 'audit-projection-service/webhooks';

/** `hookline.subscriptions.v1` → `audit.webhook`, so ownership checks need no other service. */
@Injectable()
export class WebhookStatesConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookStatesConsumer.name);
  private readonly consumer: KafkaBatchConsumer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    config: AuditEnv,
    private readonly publisher: KafkaPublisher,
    private readonly metrics: AuditMetrics,
    private readonly webhooks: WebhooksService,
    registry: Registry,
  ) {
    this.consumer = createDeadLetteringConsumer(kafka, registry, {
      name: CONSUMER_NAME,
      groupId: `${config.AUDIT_CONSUMER_GROUP}-webhooks`,
      topics: [Topics.subscriptions],
      fromBeginning: true,
      handleBatch: (batch) => this.handleBatch(batch),
      park: (letters) => this.park(letters),
    });
  }

  get failureStreak(): FailureStreak | null {
    return this.consumer.failureStreak;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  private async handleBatch(batch: ConsumedBatch): Promise<void> {
    const { accepted, deadLetters } = decodeBatch(batch, CONSUMER_NAME, parseWebhookMessage);
    await this.webhooks.applyChanges(accepted);
    if (deadLetters.length > 0) {
      await this.park(deadLetters);
    }
  }

  private async park(letters: DeadLetter[]): Promise<void> {
    await sendToDeadLetterQueue(this.publisher, letters);
    const [{ sourceTopic, partition, message, reason }] = letters;
    this.metrics.deadLettered.inc({ topic: sourceTopic }, letters.length);
    this.logger.warn(
      `${letters.length} message(s) of ${sourceTopic}[${partition}] sent to ${Topics.dlq}, the first at offset ${message.offset}: ${reason}`,
    );
  }
}
