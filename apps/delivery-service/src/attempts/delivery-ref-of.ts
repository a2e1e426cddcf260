import type { DeliveryRef } from '@hookline/contracts';
import type { AttemptInput } from './attempt-delivery';

/** What every `hookline.attempts.v1` record (start, outcome, hold) says of the delivery it belongs to. */
export function deliveryRefOf({
  deliveryId,
  event,
  webhook,
}: Pick<AttemptInput, 'deliveryId' | 'event' | 'webhook'>): DeliveryRef {
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
