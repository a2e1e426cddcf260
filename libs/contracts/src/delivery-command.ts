import type { EventEnvelope } from './envelope';

/**
 * The value of `hookline.commands.v1` (key = webhook id): a manual redelivery asked of
 * audit-projection-service (which holds the payloads) and carried out by delivery-service.
 * A recovery of many deliveries is sent as one command per delivery.
 */
export interface DeliveryCommand {
  kind: 'redeliver';
  commandId: string;
  deliveryId: string;
  webhookId: string;
  organizationId: string;
  event: EventEnvelope;
  /** Number the new attempt carries, after those already logged. */
  attempt: number;
  requestedAt: string;
}
