import { Injectable } from '@nestjs/common';
import { IdPrefix, newId, type FilterableEvent } from '@hookline/contracts';
import { EgressPolicy, SecretBox } from '@hookline/security';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxRepository } from '../outbox/outbox.repository';
import { matchSampleEvent, type SampleMatch } from './match-sample-event';
import { TEST_EVENT_MESSAGES, webhookTestEvent } from './platform-event.entry';
import { isAsymmetric, newSigningSecret, shownSigningSecret } from './signing-material';
import { SigningSecretRotationService } from './signing-secret-rotation.service';
import {
  findEventPatternProblems,
  findEventTypeProblem,
  patternsCovering,
  uniqueEventPatterns,
} from './validate-event-patterns';
import { WebhookChangesService } from './webhook-changes.service';
import { decodeWebhookCursor, encodeWebhookCursor } from './webhook-cursor';
import { WEBHOOK_DEFAULTS } from './webhook-defaults';
import { UPDATABLE_WEBHOOK_FIELDS, type CreateWebhookInput, type UpdateWebhookInput } from './webhook-input';
import {
  findSignatureHeaderConflicts,
  openHeaders,
  sealEndpointAuth,
  sealEndpointTls,
  sealHeaders,
  toRetryPolicy,
  toSignatureScheme,
} from './webhook-settings';
import { webhookStateEntry, webhookTombstoneEntry } from './webhook-state.entry';
import { Webhook } from './webhook.entity';
import { WebhookException } from './webhooks.exception';
import { WebhooksRepository } from './webhooks.repository';

export interface CreatedWebhook {
  webhook: Webhook;
  /** The plain `whsec_…`; only the encrypted form is stored. */
  signingSecret: string;
}

export interface UpdatedWebhook {
  webhook: Webhook;
  /** The new secret when the update rotated it, else null. */
  signingSecret: string | null;
}

export interface WebhookPage {
  items: Webhook[];
  nextCursor: string | null;
}

export interface WebhookListQuery {
  limit: number;
  cursor?: string;
  active?: boolean;
  eventType?: string;
}

/**
 * The rules of webhooks: what a valid endpoint is, that every change is announced on
 * `hookline.subscriptions.v1` through the outbox in the transaction that makes it, and that
 * switching a webhook on sends it a `webhook.test` event the same way.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: OutboxRepository,
    private readonly changes: WebhookChangesService,
    private readonly rotation: SigningSecretRotationService,
    private readonly egressPolicy: EgressPolicy,
    private readonly secretBox: SecretBox,
  ) {}

  async create(organizationId: string, input: CreateWebhookInput): Promise<CreatedWebhook> {
    this.assertValidDefinition(input);
    const id = newId(IdPrefix.webhook);
    const now = new Date();
    const active = input.active ?? WEBHOOK_DEFAULTS.active;
    const webhook = Object.assign(new Webhook(), {
      id,
      organizationId,
      name: input.name.trim(),
      description: input.description ?? null,
      url: input.url,
      events: uniqueEventPatterns(input.events),
      filter: input.filter ?? null,
      active,
      auth: input.auth ? sealEndpointAuth(input.auth, id, this.secretBox) : WEBHOOK_DEFAULTS.auth(),
      encryptedHeaders: sealHeaders(input.headers ?? WEBHOOK_DEFAULTS.headers(), id, this.secretBox),
      legacyHeaders: {},
      tls: sealEndpointTls(input.tls ?? null, id, this.secretBox),
      retryPolicy: input.retryPolicy ? toRetryPolicy(input.retryPolicy) : WEBHOOK_DEFAULTS.retryPolicy(),
      timeoutSeconds: input.timeoutSeconds ?? WEBHOOK_DEFAULTS.timeoutSeconds,
      signatureScheme: input.signatureScheme
        ? toSignatureScheme(input.signatureScheme)
        : WEBHOOK_DEFAULTS.signatureScheme(),
      metadata: input.metadata ?? WEBHOOK_DEFAULTS.metadata(),
      ordered: input.ordered ?? WEBHOOK_DEFAULTS.ordered,
      rateLimitPerSecond: input.rateLimitPerSecond ?? WEBHOOK_DEFAULTS.rateLimitPerSecond,
      maxConcurrency: input.maxConcurrency ?? WEBHOOK_DEFAULTS.maxConcurrency,
      version: 1,
      disabledReason: null,
      disabledAt: null,
      activatedAt: active ? now : null,
      createdAt: now,
      updatedAt: now,
    } satisfies Omit<Webhook, 'organization'>);
    this.assertNoHeaderConflicts(webhook);
    const signingSecret = newSigningSecret(webhook.signatureScheme);
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(Webhook, webhook);
      const secret = await this.rotation.issueFirst(manager, id, signingSecret, now);
      await this.outbox.append(manager, [webhookStateEntry(webhook, [secret])]);
      if (active) {
        await this.sendTestEvent(manager, webhook, TEST_EVENT_MESSAGES.activated, now);
      }
    });
    return { webhook, signingSecret: shownSigningSecret(signingSecret) };
  }

  async list(organizationId: string, query: WebhookListQuery): Promise<WebhookPage> {
    const beforeId = query.cursor === undefined ? null : decodeWebhookCursor(query.cursor);
    if (beforeId === null && query.cursor !== undefined) {
      throw WebhookException.invalidCursor();
    }
    let anyPattern: string[] | null = null;
    if (query.eventType !== undefined) {
      const problem = findEventTypeProblem(query.eventType, 'eventType');
      if (problem !== null) {
        throw WebhookException.unknownEventType(problem);
      }
      anyPattern = patternsCovering(query.eventType);
    }
    const filter = { beforeId, active: query.active ?? null, anyPattern };
    const rows = await this.webhooks.listPage(organizationId, filter, query.limit + 1);
    const items = rows.slice(0, query.limit);
    const hasMore = rows.length > query.limit;
    return { items, nextCursor: hasMore ? encodeWebhookCursor(items[items.length - 1].id) : null };
  }

  /** The custom headers in clear, for the API to show (redacted where they are credentials). */
  openHeaders(webhook: Webhook): Record<string, string> {
    return openHeaders(webhook, this.secretBox);
  }

  async get(organizationId: string, id: string): Promise<Webhook> {
    const webhook = await this.webhooks.findOwned(organizationId, id);
    if (!webhook) {
      throw WebhookException.notFound(id);
    }
    return webhook;
  }

  /** Would the webhook take this event (`POST /v1/webhooks/:id/match`); nothing is sent. */
  async match(organizationId: string, id: string, sample: FilterableEvent): Promise<SampleMatch> {
    return matchSampleEvent(await this.get(organizationId, id), sample);
  }

  async update(organizationId: string, id: string, changes: UpdateWebhookInput): Promise<UpdatedWebhook> {
    const changesSomething = UPDATABLE_WEBHOOK_FIELDS.some(
      (field) =>
        changes[field] !== undefined && !(field === 'rotateSigningSecret' && changes[field] === false),
    );
    if (!changesSomething) {
      throw WebhookException.nothingToUpdate(UPDATABLE_WEBHOOK_FIELDS);
    }
    this.assertValidDefinition(changes);
    return this.dataSource.transaction(async (manager) => {
      // The row lock orders concurrent changes of one webhook, and with them its outbox rows.
      const webhook = await this.webhooks.findOwned(organizationId, id, { manager, forUpdate: true });
      if (!webhook) {
        throw WebhookException.notFound(id);
      }
      const now = new Date();
      const switchedOn = changes.active === true && !webhook.active;
      const patch = this.patchOf(webhook, changes, switchedOn, now);
      this.assertNoHeaderConflicts({ ...webhook, ...patch });
      // A scheme of the other kind cannot sign with the secret held: a new one replaces it at once.
      const scheme = patch.signatureScheme ?? webhook.signatureScheme;
      const kindChanges = isAsymmetric(scheme) !== isAsymmetric(webhook.signatureScheme);
      const signingSecret =
        changes.rotateSigningSecret === true || kindChanges ? newSigningSecret(scheme) : null;
      if (signingSecret !== null) {
        await this.rotation.rotate(
          manager,
          webhook.id,
          { newSecret: signingSecret, replaceAll: kindChanges },
          now,
        );
      }
      await this.changes.save(manager, webhook, patch, now);
      if (switchedOn) {
        await this.sendTestEvent(manager, webhook, TEST_EVENT_MESSAGES.activated, now);
      }
      return { webhook, signingSecret: signingSecret === null ? null : shownSigningSecret(signingSecret) };
    });
  }

  async remove(organizationId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const webhook = await this.webhooks.findOwned(organizationId, id, { manager, forUpdate: true });
      if (!webhook) {
        throw WebhookException.notFound(id);
      }
      await manager.delete(Webhook, { id: webhook.id });
      await this.outbox.append(manager, [webhookTombstoneEntry(webhook.id)]);
    });
  }

  /** Sends a `webhook.test` event now, active or not: a debugging aid. Returns the event id. */
  async sendTest(organizationId: string, id: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      // Locked so the event names the version that is committed (and published) before it.
      const webhook = await this.webhooks.findOwned(organizationId, id, { manager, forUpdate: true });
      if (!webhook) {
        throw WebhookException.notFound(id);
      }
      return this.sendTestEvent(manager, webhook, TEST_EVENT_MESSAGES.requested, new Date());
    });
  }

  private async sendTestEvent(
    manager: EntityManager,
    webhook: Webhook,
    message: string,
    now: Date,
  ): Promise<string> {
    const { eventId, entry } = webhookTestEvent(webhook, message, now);
    await this.changes.announce(manager, [entry]);
    return eventId;
  }

  private patchOf(
    webhook: Webhook,
    changes: UpdateWebhookInput,
    switchedOn: boolean,
    now: Date,
  ): Partial<Webhook> {
    return {
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.url !== undefined ? { url: changes.url } : {}),
      ...(changes.events !== undefined ? { events: uniqueEventPatterns(changes.events) } : {}),
      ...(changes.filter !== undefined ? { filter: changes.filter } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.metadata !== undefined ? { metadata: changes.metadata } : {}),
      ...(changes.auth !== undefined
        ? { auth: sealEndpointAuth(changes.auth, webhook.id, this.secretBox) }
        : {}),
      ...(changes.headers !== undefined
        ? { encryptedHeaders: sealHeaders(changes.headers, webhook.id, this.secretBox), legacyHeaders: {} }
        : {}),
      ...(changes.tls !== undefined ? { tls: sealEndpointTls(changes.tls, webhook.id, this.secretBox) } : {}),
      ...(changes.retryPolicy !== undefined
        ? { retryPolicy: changes.retryPolicy === null ? null : toRetryPolicy(changes.retryPolicy) }
        : {}),
      ...(changes.timeoutSeconds !== undefined ? { timeoutSeconds: changes.timeoutSeconds } : {}),
      ...(changes.signatureScheme !== undefined
        ? { signatureScheme: toSignatureScheme(changes.signatureScheme) }
        : {}),
      ...(changes.ordered !== undefined ? { ordered: changes.ordered } : {}),
      ...(changes.rateLimitPerSecond !== undefined ? { rateLimitPerSecond: changes.rateLimitPerSecond } : {}),
      ...(changes.maxConcurrency !== undefined ? { maxConcurrency: changes.maxConcurrency } : {}),
      // Switching on is the owner's answer to a platform disable: the reason no longer applies.
      ...(switchedOn ? { activatedAt: now, disabledReason: null, disabledAt: null } : {}),
    };
  }

  /** Rules class-validator cannot know: the egress policy for the URLs and the event catalog. */
  private assertValidDefinition({ url, events, auth }: UpdateWebhookInput): void {
    const problems: string[] = [];
    if (url !== undefined) {
      const check = this.egressPolicy.checkUrl(url);
      if (!check.ok) {
        problems.push(check.reason);
      }
    }
    // Delivery calls the token endpoint too: the same rules, or it would be a way around them.
    if (auth?.type === 'oauth2') {
      const check = this.egressPolicy.checkUrl(auth.tokenUrl);
      if (!check.ok) {
        problems.push(check.reason.replace(/^url\b/, 'auth.tokenUrl'));
      }
    }
    if (events !== undefined) {
      problems.push(...findEventPatternProblems(events));
    }
    if (problems.length > 0) {
      throw WebhookException.invalidDefinition(problems);
    }
  }

  private assertNoHeaderConflicts({
    encryptedHeaders,
    legacyHeaders,
    signatureScheme,
  }: Pick<Webhook, 'encryptedHeaders' | 'legacyHeaders' | 'signatureScheme'>): void {
    const names = [...Object.keys(encryptedHeaders), ...Object.keys(legacyHeaders)];
    const problems = findSignatureHeaderConflicts(names, signatureScheme);
    if (problems.length > 0) {
      throw WebhookException.invalidDefinition(problems);
    }
  }
}
