import type { EventEnvelope } from './envelope';

/** Why a task is queued: a first attempt (ordered lane, or held back), a scheduled retry, or a manual redelivery. */
export const DELIVERY_TASK_REASONS = ['deliver', 'retry', 'redeliver'] as const;
export type DeliveryTaskReason = (typeof DELIVERY_TASK_REASONS)[number];

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
  /** See `DELIVERY_TASK_REASONS`. */
  reason: DeliveryTaskReason;
  /** Start of the webhook's current failure streak, so auto-disable survives restarts. */
  failingSince?: string | null;
  /** The backfill that replayed the event, so its retries stay marked. Absent from older producers: null. */
  backfillId?: string | null;
}

/** Value of the `hookline-schema` header on retry-tier and ordered-lane messages. */
export const DELIVERY_TASK_SCHEMA = 'delivery-task.v1';
