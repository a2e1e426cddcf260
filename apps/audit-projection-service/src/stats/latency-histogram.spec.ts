import {
  LATENCY_BUCKET_COUNT,
  emptyLatencyHistogram,
  latencyBucketIndex,
  latencyBucketUpperBoundMs,
} from './latency-histogram';

describe(latencyBucketIndex.name, () => {
  it('puts 0 and 1 ms in the first bucket and exact powers of two at the top of theirs', () => {
    expect(latencyBucketIndex(0)).toBe(0);
    expect(latencyBucketIndex(1)).toBe(0);
    expect(latencyBucketIndex(2)).toBe(8);
    expect(latencyBucketIndex(1024)).toBe(80);
    expect(latencyBucketIndex(1025)).toBe(81);
  });

  it('sends everything above 131 072 ms to the open-ended last bucket', () => {
    expect(latencyBucketIndex(131_072)).toBe(136);
    expect(latencyBucketIndex(131_073)).toBe(137);
    expect(latencyBucketIndex(3_600_000)).toBe(137);
    expect(latencyBucketUpperBoundMs(137)).toBeNull();
    expect(emptyLatencyHistogram()).toHaveLength(LATENCY_BUCKET_COUNT);
  });

  it('reports every duration within 9.1% above it, never below', () => {
    for (let duration = 1; duration <= 131_072; duration += 1) {
      const index = latencyBucketIndex(duration);
      const bound = latencyBucketUpperBoundMs(index)!;
      // The bucket is the tightest one: the previous bucket cannot hold the duration.
      const previousBound = index === 0 ? 0 : latencyBucketUpperBoundMs(index - 1)!;
      if (bound < duration || previousBound >= duration || bound > duration * 1.0906) {
        throw new Error(`duration ${duration} ms went to bucket ${index} (${previousBound}, ${bound}]`);
      }
    }
  });
});
