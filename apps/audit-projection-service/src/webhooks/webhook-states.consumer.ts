import { Inject, Injectable } from '@nestjs/common';
import { Topics } from '@hookline/contracts';
import { KafkaPublisher } from '@hookline/kafka';
import { KAFKA } from '@hookline/platform';
import { Registry } from 'prom-client';
import type { Kafka } from 'kafkajs';
import { ProjectionConsumer } from '../common/projection-consumer';
import { AuditEnv } from '../config/audit.env';
import { AuditMetrics } from '../metrics/audit.metrics';
import { parseWebhookMessage } from './parse-webhook-message';
import type { WebhookChange } from './webhook-change';
import { WebhooksService } from './webhooks.service';

/** `hookline.subscriptions.v1` → `audit.webhook`, so ownership checks need no other service. */
@Injectable()
export class WebhookStatesConsumer extends ProjectionConsumer<WebhookChange> {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    config: AuditEnv,
    publisher: KafkaPublisher,
    metrics: AuditMetrics,
    private readonly webhooks: WebhooksService,
    registry: Registry,
  ) {
    super(
      { kafka, config, publisher, metrics, registry },
      {
        name: 'webhook-states-consumer',
        consumer: 'audit-projection-service/webhooks',
        groupId: `${config.AUDIT_CONSUMER_GROUP}-webhooks`,
        topic: Topics.subscriptions,
        parse: parseWebhookMessage,
      },
    );
  }

  protected project(changes: WebhookChange[]): Promise<void> {
    return this.webhooks.applyChanges(changes);
  }
}
