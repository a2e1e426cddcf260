import type { DeliveryRef, EventEnvelope, WebhookState } from '@hookline/contracts';

/** What every `hookline.attempts.v1` record (start, outcome, hold) says of the delivery it belongs to. */
export function deliveryRefOf({
  deliveryId,
  event,
  webhook,
}: {
  deliveryId: string;
  event: EventEnvelope;
  webhook: WebhookState;
}): DeliveryRef {
  return {
    deliveryId,
    eventId: event.id,
    eventType: event.type,
    organizationId: event.organizationId,
    webhookId: webhook.id,
    subject: event.subject,
    url: webhook.url,
  };
}
