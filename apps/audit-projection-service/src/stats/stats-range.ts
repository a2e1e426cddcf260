export const STATS_BUCKETS = ['hour', 'day'] as const;
export type StatsBucket = (typeof STATS_BUCKETS)[number];

const BUCKET_MS: Record<StatsBucket, number> = { hour: 3_600_000, day: 86_400_000 };
/** A range wider than this many buckets is refused: ask for day buckets, or a shorter range. */
export const MAX_BUCKETS: Record<StatsBucket, number> = { hour: 24 * 31, day: 1_000 };
const DEFAULT_BUCKETS: Record<StatsBucket, number> = { hour: 24, day: 30 };

export interface StatsRange {
  /** Inclusive, on a bucket boundary (UTC). */
  from: Date;
  /** Exclusive, on a bucket boundary (UTC). */
  to: Date;
  bucket: StatsBucket;
}

export type StatsRangeResult = { ok: true; range: StatsRange } | { ok: false; reason: string };

/**
 * Widens [from, to) to whole UTC buckets: `from` down, `to` up. Without `to`, the range ends
 * with the current bucket; without `from`, it covers the last 24 hours or 30 days.
 */
export function resolveStatsRange(
  query: { from?: string; to?: string; bucket?: StatsBucket },
  now: Date,
): StatsRangeResult {
  const bucket = query.bucket ?? 'hour';
  const size = BUCKET_MS[bucket];
  const to = ceilTo(query.to === undefined ? now.getTime() + 1 : Date.parse(query.to), size);
  const from = floorTo(
    query.from === undefined ? to - DEFAULT_BUCKETS[bucket] * size : Date.parse(query.from),
    size,
  );
  if (from >= to) {
    return { ok: false, reason: 'from must be before to' };
  }
  const buckets = (to - from) / size;
  if (buckets > MAX_BUCKETS[bucket]) {
    return {
      ok: false,
      reason: `the range spans ${buckets} ${bucket} buckets; at most ${MAX_BUCKETS[bucket]} are allowed${
        bucket === 'hour' ? ' (use bucket=day for longer ranges)' : ''
      }`,
    };
  }
  return { ok: true, range: { from: new Date(from), to: new Date(to), bucket } };
}

/** Every bucket start of the range, oldest first. */
export function bucketStarts(range: StatsRange): Date[] {
  const starts: Date[] = [];
  for (let at = range.from.getTime(); at < range.to.getTime(); at += BUCKET_MS[range.bucket]) {
    starts.push(new Date(at));
  }
  return starts;
}

function floorTo(ms: number, size: number): number {
  return ms - (((ms % size) + size) % size);
}

function ceilTo(ms: number, size: number): number {
  const floored = floorTo(ms, size);
  return floored === ms ? ms : floored + size;
}
