import { createHash } from 'node:crypto';
import {
  IdPrefix,
  KafkaHeaders,
  domainMessageKey,
  domainTopic,
  validateEnvelope,
  type DeliveryExhaustedData,
  type DeliveryRecoveredData,
  type EventEnvelope,
} from '@hookline/contracts';
import type { TopicBatch } from '@hookline/kafka';

const PLATFORM_RESOURCES = ['delivery.', 'webhook.'];
const LAST_ERROR_LIMIT = 1_000;

/** Hookline never reports on the delivery of its own `delivery.*` and `webhook.*` events: no loops. */
export function isAboutPlatformEvent(eventType: string): boolean {
  return PLATFORM_RESOURCES.some((prefix) => eventType.startsWith(prefix));
}

export interface OperationalEventContext {
  organizationId: string;
  webhookId: string;
  deliveryId: string;
  at: Date;
}

/** What the data of every operational event starts with: the delivery it is about. */
type DeliveryRef = 'deliveryId' | 'webhookId';

/** `delivery.exhausted`, for the organization's webhooks that subscribe to it (normal routing). */
export function deliveryExhaustedEvent(
  context: OperationalEventContext,
  data: Omit<DeliveryExhaustedData, DeliveryRef>,
): EventEnvelope {
  const lastError = data.lastError === null ? null : data.lastError.slice(0, LAST_ERROR_LIMIT);
  return envelope<DeliveryExhaustedData>(context, 'delivery.exhausted', { ...data, lastError });
}

/** `delivery.recovered`: a success that ended a failure streak of the webhook. */
export function deliveryRecoveredEvent(
  context: OperationalEventContext,
  data: Omit<DeliveryRecoveredData, DeliveryRef>,
): EventEnvelope {
  return envelope<DeliveryRecoveredData>(context, 'delivery.recovered', data);
}

/** Produced like any product event: `domain.delivery.v1`, key `<organization>:<webhook>`. */
export function operationalEventBatch(events: readonly EventEnvelope[]): TopicBatch {
  return {
    topic: domainTopic('delivery'),
    messages: events.map((event) => ({
      key: domainMessageKey(event.organizationId, event.subject),
      value: event,
      headers: { [KafkaHeaders.eventType]: event.type },
    })),
  };
}

function envelope<Data extends Record<DeliveryRef, string>>(
  context: OperationalEventContext,
  type: string,
  data: Omit<Data, DeliveryRef>,
): EventEnvelope {
  const event: EventEnvelope = {
    // Derived from the delivery: a replayed batch re-emits the same event id, which receivers deduplicate.
    id: `${IdPrefix.event}_${createHash('sha256').update(`${context.deliveryId}\u0000${type}`).digest('base64url').slice(0, 26)}`,
    type,
    organizationId: context.organizationId,
    subject: context.webhookId,
    occurredAt: context.at.toISOString(),
    data: { deliveryId: context.deliveryId, webhookId: context.webhookId, ...data },
  };
  const validation = validateEnvelope(event);
  if (!validation.ok) {
    throw new Error(`${type} would break its contract: ${validation.errors.join('; ')}`);
  }
  return event;
}
