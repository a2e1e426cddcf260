import type { DeliveryFilters } from './types';

/** Query keys in one place, so a mutation invalidates exactly what it changed. */
export const queryKeys = {
  webhooks: ['webhooks'] as const,
  webhook: (id: string) => ['webhooks', id] as const,
  secret: (id: string) => ['webhooks', id, 'secret'] as const,
  backfills: (id: string) => ['webhooks', id, 'backfills'] as const,
  eventTypes: ['event-types'] as const,
  subscribed: (type: string) => ['event-types', type, 'subscribed'] as const,
  deliveries: (webhookId: string) => ['deliveries', webhookId] as const,
  deliveryPage: (webhookId: string, filters: DeliveryFilters, cursor: string | undefined) =>
    ['deliveries', webhookId, filters, cursor ?? null] as const,
  latestDelivery: (webhookId: string) => ['deliveries', webhookId, 'latest'] as const,
  delivery: (id: string) => ['delivery', id] as const,
  stats: (webhookId: string | null, range: string) => ['stats', webhookId, range] as const,
};
