import {
  deliveryIdFor,
  type DeliveryTaskReason,
  type EventEnvelope,
  type WebhookState,
} from '@hookline/contracts';
import { serializePayload, type SerializedPayload } from '../attempts/serialize-payload';
import type { DeliveryMode } from '../retry-policy/decide-next-step';
import type { RetryTask } from './retry-task';

/** One delivery about to be attempted: a first attempt, a retry, or a manual redelivery. */
export interface DeliveryJob {
  deliveryId: string;
  event: EventEnvelope;
  webhook: WebhookState;
  payload: SerializedPayload;
  /** Number this attempt carries. */
  attempt: number;
  mode: DeliveryMode;
  /** Start of the webhook's failure streak as the retry task carried it (survives restarts). */
  failingSinceMs: number | null;
  /** The backfill that replayed the event, or null for a live delivery; carried by its retries. */
  backfillId: string | null;
}

export function firstAttemptJob(
  event: EventEnvelope,
  webhook: WebhookState,
  payload: SerializedPayload,
  backfillId: string | null = null,
): DeliveryJob {
  return {
    // The same id as the live delivery of the event would have: a backfill repeats it, never forks it.
    deliveryId: deliveryIdFor(event.id, webhook.id),
    event,
    webhook,
    payload,
    attempt: 1,
    mode: 'scheduled',
    failingSinceMs: null,
    backfillId,
  };
}

export function jobFromTask(task: RetryTask, webhook: WebhookState): DeliveryJob {
  return {
    deliveryId: task.deliveryId,
    event: task.event,
    webhook,
    payload: serializePayload(task.event),
    attempt: task.attempt,
    mode: task.reason === 'redeliver' ? 'manual' : 'scheduled',
    failingSinceMs: task.failingSince ? Date.parse(task.failingSince) : null,
    backfillId: task.backfillId ?? null,
  };
}

/** The task that brings `job` back at `dueAtMs` as attempt number `attempt`. */
export function taskFor(
  job: DeliveryJob,
  attempt: number,
  dueAtMs: number,
  failingSinceMs: number | null,
): RetryTask {
  return {
    deliveryId: job.deliveryId,
    webhookId: job.webhook.id,
    event: job.event,
    attempt,
    dueAt: new Date(dueAtMs).toISOString(),
    reason: reasonFor(job.mode, attempt),
    failingSince: failingSinceMs === null ? null : new Date(failingSinceMs).toISOString(),
    ...backfillMark(job.backfillId),
  };
}

/** A first attempt queued (ordered lane, or held back) is a delivery, not a retry. */
function reasonFor(mode: DeliveryMode, attempt: number): DeliveryTaskReason {
  if (mode === 'manual') {
    return 'redeliver';
  }
  return attempt === 1 ? 'deliver' : 'retry';
}

/** `backfillId` on what a backfilled delivery writes; live deliveries write the shape they always did. */
export function backfillMark(backfillId: string | null): { backfillId?: string } {
  return backfillId === null ? {} : { backfillId };
}
