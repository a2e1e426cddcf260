import type { BackfillProgress } from '@hookline/contracts';
import type { Backfill, PartitionCounts } from './backfill.entity';

/**
 * The backfill once one partition's progress record is applied: its counts replace that partition's
 * (records are cumulative, so a repeated one changes nothing), the totals are their sums, and the
 * backfill is completed once every partition is done. A cancelled or failed one keeps its status.
 */
export function applyProgress(backfill: Backfill, progress: BackfillProgress, now: Date): Partial<Backfill> {
  const partitions: Record<string, PartitionCounts> = {
    ...backfill.partitions,
    [`${progress.topic}:${progress.partition}`]: {
      scanned: progress.scanned,
      matched: progress.matched,
      enqueued: progress.enqueued,
      done: progress.done,
    },
  };
  const counts = Object.values(partitions);
  const sum = (field: 'scanned' | 'matched' | 'enqueued') =>
    counts.reduce((total, partition) => total + partition[field], 0);
  const allDone = counts.length >= progress.partitionCount && counts.every((partition) => partition.done);
  const patch: Partial<Backfill> = {
    partitions,
    partitionCount: progress.partitionCount,
    scanned: sum('scanned'),
    matched: sum('matched'),
    enqueued: sum('enqueued'),
    updatedAt: now,
  };
  if (backfill.status === 'pending' || backfill.status === 'running') {
    patch.status = allDone ? 'completed' : 'running';
    patch.startedAt = backfill.startedAt ?? now;
    patch.finishedAt = allDone ? now : null;
  }
  return patch;
}
