/**
 * Attempt latencies are counted in fixed log-scale buckets, 8 per doubling: bucket 0 holds
 * 0–1 ms, bucket i (1…136) holds (2^((i-1)/8), 2^(i/8)] ms, bucket 137 everything above
 * 2^17 ms (131 s). The SQL functions of migration `StatsRollups1763900000000` read the same layout.
 */
export const LATENCY_BUCKETS_PER_DOUBLING = 8;
export const LATENCY_LAST_BOUNDED_BUCKET = 136;
export const LATENCY_BUCKET_COUNT = LATENCY_LAST_BOUNDED_BUCKET + 2;

export function latencyBucketIndex(durationMs: number): number {
  if (durationMs <= 1) {
    return 0;
  }
  const index = Math.ceil(LATENCY_BUCKETS_PER_DOUBLING * Math.log2(durationMs));
  return Math.min(index, LATENCY_LAST_BOUNDED_BUCKET + 1);
}

/**
 * The largest whole millisecond bucket `index` can hold (durations are whole milliseconds),
 * or null for the open-ended last bucket.
 */
export function latencyBucketUpperBoundMs(index: number): number | null {
  if (index <= 0) {
    return 1;
  }
  if (index > LATENCY_LAST_BOUNDED_BUCKET) {
    return null;
  }
  return Math.floor(2 ** (index / LATENCY_BUCKETS_PER_DOUBLING));
}

export function emptyLatencyHistogram(): number[] {
  return new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
}
