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
  /** Why it is queued: a first attempt on the ordered lane, a scheduled retry, or a manual redelivery. */
  reason: 'deliver' | 'retry' | 'redeliver';
  /** Start of the webhook's current failure streak, so auto-disable survives restarts. */
  failingSince?: string | null;
}

/** Value of the `hookline-schema` header on retry-tier and ordered-lane messages. */
export const DELIVERY_TASK_SCHEMA = 'delivery-task.v1';
