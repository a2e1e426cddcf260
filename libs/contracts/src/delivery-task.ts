import type { EventEnvelope } from './envelope';

/**
 * One event to one webhook, waiting for its next attempt: the value of the retry topics
 * (`hookline.retry.<tier>.v1`, key = webhook id) and of `hookline.deliveries.v1`.
 */
export interface DeliveryTask {
  deliveryId: string;
  webhookId: string;
  event: EventEnvelope;
  /** Number the next attempt will carry. */
  attempt: number;
  /** Not before this instant. */
  dueAt: string;
  /** Why it is queued: a scheduled retry, or a manual redelivery. */
  reason: 'retry' | 'redeliver';
}
