import { TokenBucket } from './token-bucket';

describe(TokenBucket.name, () => {
  it('allows a burst of one second of tokens, then spaces callers at the rate', () => {
    const bucket = new TokenBucket(2, 0);
    const maxWaitsMs = [0, 0, 0, 1_000, 1_000, 1_000];
    expect(maxWaitsMs.map((maxWaitMs) => bucket.reserve(0, maxWaitMs))).toEqual([
      0,
      0,
      null,
      500,
      1_000,
      null,
    ]);
  });

  it('refills continuously and never beyond its capacity', () => {
    const bucket = new TokenBucket(1, 0);
    expect(bucket.reserve(0, 0)).toBe(0);
    expect(bucket.waitMs(250)).toBe(750);
    expect(bucket.reserve(1_000, 0)).toBe(0);
    expect(bucket.isFull(60_000)).toBe(true);
    expect(bucket.reserve(60_000, 0)).toBe(0);
    expect(bucket.reserve(60_000, 0)).toBeNull();
  });

  it('handles rates below one per second', () => {
    const bucket = new TokenBucket(0.5, 0);
    expect(bucket.reserve(0, 0)).toBe(0);
    expect(bucket.waitMs(0)).toBe(2_000);
  });

  it('adopts a new rate without granting a burst', () => {
    const bucket = new TokenBucket(10, 0);
    for (let index = 0; index < 10; index += 1) {
      bucket.reserve(0, 0);
    }
    bucket.setRate(1, 0);
    expect(bucket.waitMs(0)).toBe(1_000);
    expect(() => new TokenBucket(0, 0)).toThrow(RangeError);
  });
});
