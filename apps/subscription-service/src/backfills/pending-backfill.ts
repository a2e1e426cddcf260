import type { Backfill } from './backfill.entity';
import type { BackfillWindow } from './resolve-backfill-window';

/** A backfill as it is asked for: pending, with nothing read of its window yet. */
export function pendingBackfill(
  ids: Pick<Backfill, 'id' | 'organizationId' | 'webhookId'>,
  window: BackfillWindow,
  now: Date,
): Backfill {
  return {
    ...ids,
    ...window,
    status: 'pending',
    scanned: 0,
    matched: 0,
    enqueued: 0,
    partitionCount: null,
    partitions: {},
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    updatedAt: now,
  };
}
