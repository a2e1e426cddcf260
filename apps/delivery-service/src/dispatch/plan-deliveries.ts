import { deliveryIdFor, type EventEnvelope, type WebhookState } from '@hookline/contracts';
import type { AttemptInput } from '../attempts/attempt-delivery';
import { serializePayload } from '../attempts/serialize-payload';

/**
 * Fans events out to their webhooks: one first attempt per (event, webhook), in message order.
 * A repeated event id in the same batch (a producer retry) yields no second delivery.
 */
export function planDeliveries(
  events: readonly EventEnvelope[],
  endpointsOf: (event: EventEnvelope) => WebhookState[],
): AttemptInput[] {
  const planned: AttemptInput[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    const webhooks = endpointsOf(event);
    if (webhooks.length === 0) continue;
    const payload = serializePayload(event);
    for (const webhook of webhooks) {
      const deliveryId = deliveryIdFor(event.id, webhook.id);
      if (seen.has(deliveryId)) continue;
      seen.add(deliveryId);
      planned.push({ deliveryId, attempt: 1, event, webhook, payload });
    }
  }
  return planned;
}

/** Deliveries with the same key keep their order: the same subject to the same webhook. */
export function orderingKeyOf(delivery: Pick<AttemptInput, 'webhook' | 'event'>): string {
  return `${delivery.webhook.id}\u0000${delivery.event.subject}`;
}
