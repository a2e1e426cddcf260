import { Injectable } from '@nestjs/common';
import { Topics } from '@hookline/contracts';
import { ProjectionConsumer, ProjectionConsumerDeps } from '../common/projection-consumer';
import { parseWebhookMessage } from './parse-webhook-message';
import type { WebhookChange } from './webhook-change';
import { WebhooksService } from './webhooks.service';

/** `hookline.subscriptions.v1` → `audit.webhook`, so ownership checks need no other service. */
@Injectable()
export class WebhookStatesConsumer extends ProjectionConsumer<WebhookChange> {
  constructor(
    deps: ProjectionConsumerDeps,
    private readonly webhooks: WebhooksService,
  ) {
    super(deps, {
      name: 'webhook-states-consumer',
      consumer: 'audit-projection-service/webhooks',
      groupId: `${deps.config.AUDIT_CONSUMER_GROUP}-webhooks`,
      topic: Topics.subscriptions,
      parse: parseWebhookMessage,
    });
  }

  protected project(changes: WebhookChange[]): Promise<void> {
    return this.webhooks.applyChanges(changes);
  }
}
