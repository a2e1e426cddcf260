import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan, MoreThan, type EntityManager } from 'typeorm';
import { WebhookSecret } from './webhook-secret.entity';
import { Webhook } from './webhook.entity';

/** Queries of the webhooks feature; each is served by an index of the initial migration. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The webhook when it belongs to the organization; `forUpdate` locks it until the transaction ends. */
  findOwned(
    organizationId: string,
    id: string,
    {
      manager = this.dataSource.manager,
      forUpdate = false,
    }: { manager?: EntityManager; forUpdate?: boolean } = {},
  ): Promise<Webhook | null> {
    return manager.findOne(Webhook, {
      where: { id, organizationId },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Newest first; `beforeId` continues after a previous page. */
  listPage(organizationId: string, beforeId: string | null, take: number): Promise<Webhook[]> {
    return this.dataSource.manager.find(Webhook, {
      where: { organizationId, ...(beforeId !== null ? { id: LessThan(beforeId) } : {}) },
      order: { id: 'DESC' },
      take,
    });
  }

  /** The current secret and the rotated-out ones still in their grace period. */
  liveSecrets(manager: EntityManager, webhookId: string, now: Date): Promise<WebhookSecret[]> {
    return manager.find(WebhookSecret, {
      where: [
        { webhookId, expiresAt: IsNull() },
        { webhookId, expiresAt: MoreThan(now) },
      ],
    });
  }

  currentSecret(webhookId: string): Promise<WebhookSecret | null> {
    return this.dataSource.manager.findOneBy(WebhookSecret, { webhookId, expiresAt: IsNull() });
  }
}
