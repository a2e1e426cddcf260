import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IdPrefix, newId } from '@hookline/contracts';
import { EgressPolicy, SecretBox, generateSigningSecret } from '@hookline/security';
import { DataSource } from 'typeorm';
import { OutboxRepository } from '../outbox/outbox.repository';
import { findEventPatternProblems, uniqueEventPatterns } from './validate-event-patterns';
import { decodeWebhookCursor, encodeWebhookCursor } from './webhook-cursor';
import { WEBHOOK_DEFAULTS } from './webhook-defaults';
import { WebhookSecret } from './webhook-secret.entity';
import { webhookStateEntry, webhookTombstoneEntry } from './webhook-state.entry';
import { Webhook } from './webhook.entity';
import { WebhookException } from './webhooks.exception';
import { WebhooksRepository } from './webhooks.repository';

export interface CreateWebhookInput {
  name: string;
  url: string;
  events: string[];
  active?: boolean;
  description?: string | null;
}

export type UpdateWebhookInput = Partial<CreateWebhookInput>;

/** The fields PATCH may change; a body setting none of them is refused. */
export const UPDATABLE_WEBHOOK_FIELDS = ['name', 'url', 'events', 'active', 'description'] as const;

export interface CreatedWebhook {
  webhook: Webhook;
  /** The plain `whsec_…`; only the encrypted form is stored. */
  signingSecret: string;
}

export interface WebhookPage {
  items: Webhook[];
  nextCursor: string | null;
}

/**
 * The rules of webhooks: what a valid endpoint is, and that every change is announced on
 * `hookline.subscriptions.v1` through the outbox, in the transaction that makes it.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: OutboxRepository,
    private readonly egressPolicy: EgressPolicy,
    private readonly secretBox: SecretBox,
  ) {}

  async create(organizationId: string, input: CreateWebhookInput): Promise<CreatedWebhook> {
    this.assertValidDefinition(input);
    const id = newId(IdPrefix.webhook);
    const now = new Date();
    const signingSecret = generateSigningSecret();
    return this.dataSource.transaction(async (manager) => {
      const webhook = manager.create(Webhook, {
        id,
        organizationId,
        name: input.name.trim(),
        description: input.description ?? null,
        url: input.url,
        events: uniqueEventPatterns(input.events),
        active: input.active ?? WEBHOOK_DEFAULTS.active,
        auth: WEBHOOK_DEFAULTS.auth(),
        headers: {},
        retryPolicy: WEBHOOK_DEFAULTS.retryPolicy(),
        timeoutSeconds: WEBHOOK_DEFAULTS.timeoutSeconds,
        signatureScheme: WEBHOOK_DEFAULTS.signatureScheme(),
        metadata: {},
        version: 1,
        disabledReason: null,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(Webhook, webhook);
      const secret = manager.create(WebhookSecret, {
        id: randomUUID(),
        webhookId: id,
        // The webhook id as AAD: a sealed secret copied onto another webhook will not decrypt.
        encrypted: this.secretBox.encrypt(signingSecret, id),
        createdAt: now,
        expiresAt: null,
      });
      await manager.insert(WebhookSecret, secret);
      await this.outbox.append(manager, [webhookStateEntry(webhook, [secret])]);
      return { webhook, signingSecret };
    });
  }

  async list(
    organizationId: string,
    { limit, cursor }: { limit: number; cursor?: string },
  ): Promise<WebhookPage> {
    const beforeId = cursor === undefined ? null : decodeWebhookCursor(cursor);
    if (beforeId === null && cursor !== undefined) throw WebhookException.invalidCursor();
    const rows = await this.webhooks.listPage(organizationId, beforeId, limit + 1);
    const items = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    return { items, nextCursor: hasMore ? encodeWebhookCursor(items[items.length - 1].id) : null };
  }

  async get(organizationId: string, id: string): Promise<Webhook> {
    const webhook = await this.webhooks.findOwned(organizationId, id);
    if (!webhook) throw WebhookException.notFound(id);
    return webhook;
  }

  async update(organizationId: string, id: string, changes: UpdateWebhookInput): Promise<Webhook> {
    if (UPDATABLE_WEBHOOK_FIELDS.every((field) => changes[field] === undefined)) {
      throw WebhookException.nothingToUpdate(UPDATABLE_WEBHOOK_FIELDS);
    }
    this.assertValidDefinition(changes);
    return this.dataSource.transaction(async (manager) => {
      // The row lock orders concurrent changes of one webhook, and with them its outbox rows.
      const webhook = await this.webhooks.findOwned(organizationId, id, { manager, forUpdate: true });
      if (!webhook) throw WebhookException.notFound(id);
      const now = new Date();
      const patch: Partial<Webhook> = {
        ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
        ...(changes.url !== undefined ? { url: changes.url } : {}),
        ...(changes.events !== undefined ? { events: uniqueEventPatterns(changes.events) } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        version: webhook.version + 1,
        updatedAt: now,
      };
      await manager.update(Webhook, { id: webhook.id }, patch);
      Object.assign(webhook, patch);
      const secrets = await this.webhooks.liveSecrets(manager, webhook.id, now);
      await this.outbox.append(manager, [webhookStateEntry(webhook, secrets)]);
      return webhook;
    });
  }

  async remove(organizationId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const webhook = await this.webhooks.findOwned(organizationId, id, { manager, forUpdate: true });
      if (!webhook) throw WebhookException.notFound(id);
      await manager.delete(Webhook, { id: webhook.id });
      await this.outbox.append(manager, [webhookTombstoneEntry(webhook.id)]);
    });
  }

  /** The current signing secret in plain text, for the owner to configure their verifier. */
  async revealSigningSecret(organizationId: string, id: string): Promise<string> {
    const webhook = await this.get(organizationId, id);
    const secret = await this.webhooks.currentSecret(webhook.id);
    if (!secret) throw new Error(`webhook ${webhook.id} has no current signing secret`);
    return this.secretBox.decrypt(secret.encrypted, webhook.id);
  }

  /** Rules class-validator cannot know: the egress policy for the URL and the event catalog. */
  private assertValidDefinition({ url, events }: UpdateWebhookInput): void {
    const problems: string[] = [];
    if (url !== undefined) {
      const check = this.egressPolicy.checkUrl(url);
      if (!check.ok) problems.push(check.reason);
    }
    if (events !== undefined) problems.push(...findEventPatternProblems(events));
    if (problems.length > 0) throw WebhookException.invalidDefinition(problems);
  }
}
