import {
  IdPrefix,
  KafkaHeaders,
  domainMessageKey,
  domainTopic,
  newId,
  validateEnvelope,
  type EventEnvelope,
  type EventTarget,
  type WebhookDisabledData,
  type WebhookTestData,
} from '@hookline/contracts';
import type { OutboxEntry } from '../outbox/outbox.repository';
import type { Webhook } from './webhook.entity';

const WEBHOOK_RESOURCE = 'webhook';

export const TEST_EVENT_MESSAGES = {
  activated: 'Webhook activated: this is a test event from Hookline.',
  requested: 'Test event requested through the Hookline API.',
} as const;

export interface PlatformEvent {
  eventId: string;
  entry: OutboxEntry;
}

/**
 * A `webhook.test` event for this webhook only: delivery sends it regardless of the webhook's
 * events and active flag, once its routing table holds the webhook's current version.
 */
export function webhookTestEvent(webhook: Webhook, message: string, now: Date): PlatformEvent {
  const data: WebhookTestData = { webhookId: webhook.id, message };
  return platformEvent(
    webhook,
    'webhook.test',
    { ...data },
    { webhookId: webhook.id, minVersion: webhook.version },
    now,
  );
}

/** A `webhook.disabled` event: routed like any event, to the org's webhooks that subscribe to it. */
export function webhookDisabledEvent(webhook: Webhook, reason: string, disabledAt: Date): PlatformEvent {
  const data: WebhookDisabledData = { webhookId: webhook.id, reason, disabledAt: disabledAt.toISOString() };
  return platformEvent(webhook, 'webhook.disabled', { ...data }, null, disabledAt);
}

function platformEvent(
  webhook: Webhook,
  type: string,
  data: Record<string, unknown>,
  target: EventTarget | null,
  now: Date,
): PlatformEvent {
  const envelope = {
    id: newId(IdPrefix.event),
    type,
    organizationId: webhook.organizationId,
    subject: webhook.id,
    occurredAt: now.toISOString(),
    expiresAt: null,
    data,
    ...(target === null ? {} : { target }),
  } satisfies Omit<EventEnvelope, 'target'> & { target?: EventTarget };
  // Built from our own rows, so a refusal is a bug here, not bad input: fail the change loudly.
  const validation = validateEnvelope(envelope);
  if (!validation.ok) {
    throw new Error(`invalid ${type} envelope: ${validation.errors.join('; ')}`);
  }
  return {
    eventId: envelope.id,
    entry: {
      topic: domainTopic(WEBHOOK_RESOURCE),
      key: domainMessageKey(webhook.organizationId, webhook.id),
      payload: envelope,
      headers: { [KafkaHeaders.eventType]: type },
    },
  };
}
