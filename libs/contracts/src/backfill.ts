/** What a backfill is, or was asked to be: delivery runs the `running` ones and stops the others. */
export const BACKFILL_STATUSES = ['pending', 'running', 'completed', 'cancelled', 'failed'] as const;
export type BackfillStatus = (typeof BACKFILL_STATUSES)[number];

/**
 * The value of `hookline.backfills.v1` (compacted, key = backfill id): the desired state of one
 * backfill, written by subscription-service through its outbox. delivery-service replays the domain
 * events accepted in `[since, until)` that the webhook takes (its types, its filter) and are of one of
 * `eventTypes`, while `status` is `running`; any other status stops it.
 */
export interface BackfillRequest {
  id: string;
  organizationId: string;
  webhookId: string;
  /** Inclusive: the first Kafka timestamp replayed. */
  since: string;
  /** Exclusive, never after the backfill was requested, so every replica plans the same window. */
  until: string;
  /** Exact catalog types; only these are replayed (each also one the webhook subscribes to). */
  eventTypes: string[];
  status: BackfillStatus;
  requestedAt: string;
}

/**
 * The value of `hookline.backfill-progress.v1` (compacted, key = `<backfill id>:<topic>:<partition>`):
 * how far one domain partition of a backfill has been replayed. Written by delivery-service once the
 * deliveries before `nextOffset` are durably recorded, so it is also where a restart resumes.
 * Counts are cumulative for the partition; subscription-service sums them over the partitions.
 */
export interface BackfillProgress {
  backfillId: string;
  organizationId: string;
  webhookId: string;
  topic: string;
  partition: number;
  /** How many domain partitions the backfill reads in all; it is complete when each is `done`. */
  partitionCount: number;
  /** The first offset of the window in this partition. */
  startOffset: string;
  /** The offset the window ends before. */
  endOffset: string;
  /** The next offset to read; equals `endOffset` when done. */
  nextOffset: string;
  /** Domain messages read. */
  scanned: number;
  /** Events the webhook takes. */
  matched: number;
  /** Matched events handed to the delivery pipeline and recorded. */
  enqueued: number;
  done: boolean;
  at: string;
}

/** The key of a progress record. */
export function backfillProgressKey(backfillId: string, topic: string, partition: number): string {
  return `${backfillId}:${topic}:${partition}`;
}

export const BACKFILL_REQUEST_SCHEMA = 'backfill.v1';
export const BACKFILL_PROGRESS_SCHEMA = 'backfill-progress.v1';

/** The longest window a backfill may cover; older events are past the domain topics' retention anyway. */
export const BACKFILL_MAX_WINDOW_DAYS = 30;
