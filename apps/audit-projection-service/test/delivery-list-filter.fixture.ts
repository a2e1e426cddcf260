import type { DeliveryListFilter } from '../src/deliveries/delivery-list.query';

/** Every delivery of the webhook, from the first page; `narrowing` sets what the test filters on. */
export function aDeliveryListFilter(
  organizationId: string,
  webhookId: string,
  narrowing: Partial<DeliveryListFilter> = {},
): DeliveryListFilter {
  return {
    organizationId,
    webhookId,
    status: null,
    eventType: null,
    eventId: null,
    backfillId: null,
    from: null,
    to: null,
    after: null,
    ...narrowing,
  };
}
