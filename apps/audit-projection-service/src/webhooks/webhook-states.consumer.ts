import { Inject, Injectable } from '@nestjs/common';
import { Topics } from '@hookline/contracts';
import { KafkaPublisher, type ConsumedBatch } from '@hookline/kafka';
import { KAFKA, ManagedConsumer, createDeadLetteringConsumer } from '@hookline/platform';
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
export class WebhookStatesConsumer extends ManagedConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    config: AuditEnv,
    publisher: KafkaPublisher,
    metrics: AuditMetrics,
    private readonly webhooks: WebhooksService,
    registry: Registry,
  ) {
    super('webhook-states-consumer', { publisher, counter: metrics.deadLettered });
    this.manage(
      createDeadLetteringConsumer(kafka, registry, {
        name: CONSUMER_NAME,
        groupId: `${config.AUDIT_CONSUMER_GROUP}-webhooks`,
        topics: [Topics.subscriptions],
        fromBeginning: true,
        handleBatch: (batch) => this.handleBatch(batch),
        park: (letters) => this.park(letters),
      }),
      { shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS },
    );
  }

  private async handleBatch(batch: ConsumedBatch): Promise<void> {
    const { accepted, deadLetters } = decodeBatch(batch, CONSUMER_NAME, parseWebhookMessage);
    await this.webhooks.applyChanges(accepted);
    if (deadLetters.length > 0) {
      await this.park(deadLetters);
    }
  }
}
