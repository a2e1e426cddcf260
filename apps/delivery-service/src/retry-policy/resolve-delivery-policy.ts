import {
  DEFAULT_RETRY_POLICY,
  type EventEnvelope,
  type EventTypeDefinition,
  type RetryPolicy,
  type WebhookState,
} from '@hookline/contracts';

/** Which level of the precedence decided a value. */
export type PolicySource = 'webhook' | 'event' | 'event-type' | 'platform';

/** The retry schedule and expiry one delivery runs under. */
export interface DeliveryPolicy {
  retryPolicy: RetryPolicy;
  retryPolicySource: Exclude<PolicySource, 'event'>;
  /** null: the event never expires. */
  expiresAtMs: number | null;
  expirySource: Exclude<PolicySource, 'webhook'>;
}

/**
 * The schedule: the webhook's own (`retryPolicy` set), else its event type's catalog default, else
 * the platform's `standard`. The expiry: the event's own `expiresAt`, else `occurredAt` + its type's
 * default TTL, else none. Read per attempt, so a retry follows the webhook's current state.
 */
export function resolveDeliveryPolicy(
  webhook: Pick<WebhookState, 'retryPolicy'>,
  event: Pick<EventEnvelope, 'occurredAt' | 'expiresAt'>,
  eventType: Pick<EventTypeDefinition, 'defaultRetryPolicy' | 'defaultTtlSeconds'> | undefined,
): DeliveryPolicy {
  return { ...retryPolicyOf(webhook, eventType), ...expiryOf(event, eventType) };
}

function retryPolicyOf(
  webhook: Pick<WebhookState, 'retryPolicy'>,
  eventType: Pick<EventTypeDefinition, 'defaultRetryPolicy'> | undefined,
): Pick<DeliveryPolicy, 'retryPolicy' | 'retryPolicySource'> {
  if (webhook.retryPolicy !== null) {
    return { retryPolicy: webhook.retryPolicy, retryPolicySource: 'webhook' };
  }
  if (eventType?.defaultRetryPolicy !== undefined) {
    return { retryPolicy: eventType.defaultRetryPolicy, retryPolicySource: 'event-type' };
  }
  return { retryPolicy: DEFAULT_RETRY_POLICY, retryPolicySource: 'platform' };
}

function expiryOf(
  event: Pick<EventEnvelope, 'occurredAt' | 'expiresAt'>,
  eventType: Pick<EventTypeDefinition, 'defaultTtlSeconds'> | undefined,
): Pick<DeliveryPolicy, 'expiresAtMs' | 'expirySource'> {
  if (event.expiresAt) {
    return { expiresAtMs: Date.parse(event.expiresAt), expirySource: 'event' };
  }
  const ttlSeconds = eventType?.defaultTtlSeconds;
  if (ttlSeconds) {
    return { expiresAtMs: Date.parse(event.occurredAt) + ttlSeconds * 1_000, expirySource: 'event-type' };
  }
  return { expiresAtMs: null, expirySource: 'platform' };
}
