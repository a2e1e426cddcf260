import { KafkaHeaders, Topics, type SecretRef, type WebhookState } from '@hookline/contracts';
import type { OutboxEntry } from '../outbox/outbox.repository';
import type { WebhookSecret } from './webhook-secret.entity';
import type { Webhook } from './webhook.entity';

/** Everything delivery needs about an endpoint; credentials and secrets stay encrypted. */
export function toWebhookState(webhook: Webhook, secrets: readonly WebhookSecret[]): WebhookState {
  return {
    id: webhook.id,
    organizationId: webhook.organizationId,
    url: webhook.url,
    events: webhook.events,
    filter: webhook.filter,
    active: webhook.active,
    auth: webhook.auth,
    encryptedHeaders: webhook.encryptedHeaders,
    tls: webhook.tls,
    retryPolicy: webhook.retryPolicy,
    timeoutSeconds: webhook.timeoutSeconds,
    signatureScheme: webhook.signatureScheme,
    secrets: [...secrets].sort(currentFirstThenLatestExpiry).map(toSecretRef),
    ordered: webhook.ordered,
    rateLimitPerSecond: webhook.rateLimitPerSecond,
    maxConcurrency: webhook.maxConcurrency,
    version: webhook.version,
    updatedAt: webhook.updatedAt.toISOString(),
  };
}

/** The `hookline.subscriptions.v1` message carrying the webhook's full state. */
export function webhookStateEntry(webhook: Webhook, secrets: readonly WebhookSecret[]): OutboxEntry {
  return {
    topic: Topics.subscriptions,
    key: webhook.id,
    payload: toWebhookState(webhook, secrets),
    headers: { [KafkaHeaders.schema]: 'webhook-state.v1' },
  };
}

/** A tombstone: compaction then forgets the webhook, and delivery drops its route. */
export function webhookTombstoneEntry(webhookId: string): OutboxEntry {
  return { topic: Topics.subscriptions, key: webhookId, payload: null };
}

function toSecretRef(secret: WebhookSecret): SecretRef {
  return { encrypted: secret.encrypted, expiresAt: secret.expiresAt?.toISOString() ?? null };
}

function currentFirstThenLatestExpiry(a: WebhookSecret, b: WebhookSecret): number {
  const expiry = (secret: WebhookSecret) => secret.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return expiry(b) - expiry(a) || b.createdAt.getTime() - a.createdAt.getTime();
}
