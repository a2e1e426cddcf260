import {
  DEFAULT_RETRY_POLICY,
  type DeliveryDefaults,
  type EventEnvelope,
  type EventTypeDefinition,
  type RetryPolicy,
  type WebhookState,
} from '@hookline/contracts';

/** Which level of the precedence decided a value. */
export type PolicySource = 'webhook' | 'event' | 'organization' | 'event-type' | 'platform';

/** The retry schedule and expiry one delivery runs under. */
export interface DeliveryPolicy {
  retryPolicy: RetryPolicy;
  retryPolicySource: Exclude<PolicySource, 'event'>;
  /** null: the event never expires. */
  expiresAtMs: number | null;
  expirySource: Exclude<PolicySource, 'webhook'>;
}

/** The defaults below the webhook and the event: the organization's for the type, then the catalog's. */
export interface PolicyDefaults {
  organization: Pick<DeliveryDefaults, 'retryPolicy' | 'ttlSeconds'> | undefined;
  eventType: Pick<EventTypeDefinition, 'defaultRetryPolicy' | 'defaultTtlSeconds'> | undefined;
}

/**
 * The schedule: the webhook's own (`retryPolicy` set), else its organization's for the event type,
 * else the type's catalog default, else the platform's `standard`. The expiry: the event's own
 * `expiresAt`, else `occurredAt` + the organization's TTL for the type, else the catalog's, else none.
 * Read per attempt, so a retry follows the current webhook state and defaults.
 */
export function resolveDeliveryPolicy(
  webhook: Pick<WebhookState, 'retryPolicy'>,
  event: Pick<EventEnvelope, 'occurredAt' | 'expiresAt'>,
  defaults: PolicyDefaults,
): DeliveryPolicy {
  return { ...retryPolicyOf(webhook, defaults), ...expiryOf(event, defaults) };
}

function retryPolicyOf(
  webhook: Pick<WebhookState, 'retryPolicy'>,
  { organization, eventType }: PolicyDefaults,
): Pick<DeliveryPolicy, 'retryPolicy' | 'retryPolicySource'> {
  if (webhook.retryPolicy !== null) {
    return { retryPolicy: webhook.retryPolicy, retryPolicySource: 'webhook' };
  }
  if (organization !== undefined && organization.retryPolicy !== null) {
    return { retryPolicy: organization.retryPolicy, retryPolicySource: 'organization' };
  }
  if (eventType?.defaultRetryPolicy !== undefined) {
    return { retryPolicy: eventType.defaultRetryPolicy, retryPolicySource: 'event-type' };
  }
  return { retryPolicy: DEFAULT_RETRY_POLICY, retryPolicySource: 'platform' };
}

function expiryOf(
  event: Pick<EventEnvelope, 'occurredAt' | 'expiresAt'>,
  { organization, eventType }: PolicyDefaults,
): Pick<DeliveryPolicy, 'expiresAtMs' | 'expirySource'> {
  if (event.expiresAt) {
    return { expiresAtMs: Date.parse(event.expiresAt), expirySource: 'event' };
  }
  const occurredAtMs = Date.parse(event.occurredAt);
  if (organization !== undefined && organization.ttlSeconds !== null) {
    return { expiresAtMs: occurredAtMs + organization.ttlSeconds * 1_000, expirySource: 'organization' };
  }
  if (eventType?.defaultTtlSeconds) {
    return { expiresAtMs: occurredAtMs + eventType.defaultTtlSeconds * 1_000, expirySource: 'event-type' };
  }
  return { expiresAtMs: null, expirySource: 'platform' };
}
