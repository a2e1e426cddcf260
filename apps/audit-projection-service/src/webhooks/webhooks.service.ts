import { Injectable } from '@nestjs/common';
import type { WebhookChange } from './webhook-change';
import type { WebhookEntity } from './webhook.entity';
import { WebhooksRepository } from './webhooks.repository';

@Injectable()
export class WebhooksService {
  constructor(private readonly repository: WebhooksRepository) {}

  applyChanges(changes: readonly WebhookChange[]): Promise<void> {
    return this.repository.applyInOrder(changes);
  }

  /** Deleted webhooks are included: their log history stays readable to the organization. */
  findOwned(organizationId: string, webhookId: string): Promise<WebhookEntity | null> {
    return this.repository.findOwned(organizationId, webhookId);
  }
}
