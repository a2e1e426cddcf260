import { Injectable } from '@nestjs/common';
import { SecretBox } from '@hookline/security';
import type { EntityManager } from 'typeorm';
import { OutboxRepository, type OutboxEntry } from '../outbox/outbox.repository';
import { sealHeaders } from './webhook-settings';
import { webhookStateEntry } from './webhook-state.entry';
import { Webhook } from './webhook.entity';
import { WebhooksRepository } from './webhooks.repository';

/**
 * The one way a webhook changes after creation: the row gets a higher version, and its full state
 * goes into the outbox in the same transaction. Callers hold the row lock.
 */
@Injectable()
export class WebhookChangesService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: OutboxRepository,
    private readonly secretBox: SecretBox,
  ) {}

  /**
   * Applies `patch`, bumps the version and publishes the state; changes to secrets must come first.
   * Custom headers still stored in clear are sealed on the way, so no state carries them in clear.
   */
  async save(manager: EntityManager, webhook: Webhook, patch: Partial<Webhook>, now: Date): Promise<Webhook> {
    const change: Partial<Webhook> = {
      ...this.sealedLegacyHeaders(webhook, patch),
      ...patch,
      version: webhook.version + 1,
      updatedAt: now,
    };
    await manager.update(Webhook, { id: webhook.id }, change);
    Object.assign(webhook, change);
    await this.publishState(manager, webhook, now);
    return webhook;
  }

  private sealedLegacyHeaders(webhook: Webhook, patch: Partial<Webhook>): Partial<Webhook> {
    if (patch.encryptedHeaders !== undefined || Object.keys(webhook.legacyHeaders).length === 0) {
      return {};
    }
    return {
      encryptedHeaders: {
        ...webhook.encryptedHeaders,
        ...sealHeaders(webhook.legacyHeaders, webhook.id, this.secretBox),
      },
      legacyHeaders: {},
    };
  }

  /** Appends the webhook's state as it is in this transaction, with the secrets live at `now`. */
  async publishState(manager: EntityManager, webhook: Webhook, now: Date): Promise<void> {
    const secrets = await this.webhooks.liveSecrets(manager, webhook.id, now);
    await this.outbox.append(manager, [webhookStateEntry(webhook, secrets)]);
  }

  /** Events that announce the change, written after the state so they are published after it. */
  async announce(manager: EntityManager, entries: OutboxEntry[]): Promise<void> {
    await this.outbox.append(manager, entries);
  }
}
