import { TokenBucketLimiter } from './token-bucket-limiter';

describe(TokenBucketLimiter.name, () => {
  it('allows a burst of the capacity, then refuses with the time until the next token', () => {
    const limiter = new TokenBucketLimiter({ capacity: 3, refillPerSecond: 2 });
    const results = [0, 0, 0, 0].map(() => limiter.take('k', 1_000));

    expect(results.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(results[3]).toEqual({ ok: false, retryAfterMs: 500 });
  });

  it('refills over time, up to the capacity and no further', () => {
    const limiter = new TokenBucketLimiter({ capacity: 2, refillPerSecond: 1 });
    limiter.take('k', 0);
    limiter.take('k', 0);
    expect(limiter.take('k', 999).ok).toBe(false);
    expect(limiter.take('k', 1_000).ok).toBe(true);
    // A long idle time refills two tokens, not a hundred.
    expect([limiter.take('k', 100_000), limiter.take('k', 100_000), limiter.take('k', 100_000)]).toEqual([
      { ok: true },
      { ok: true },
      { ok: false, retryAfterMs: 1_000 },
    ]);
  });

  it('keeps keys apart', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 1 });
    expect(limiter.take('a', 0).ok).toBe(true);
    expect(limiter.take('b', 0).ok).toBe(true);
    expect(limiter.take('a', 0).ok).toBe(false);
  });

  it('can tell whether a key is exhausted without taking a token', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 1 });
    expect(limiter.peek('a', 0)).toEqual({ ok: true });
    limiter.take('a', 0);
    expect(limiter.peek('a', 0)).toEqual({ ok: false, retryAfterMs: 1_000 });
  });

  it('bounds its memory: beyond maxKeys the longest-unseen keys are forgotten (they start full again)', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 1, maxKeys: 2 });
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0);

    expect(limiter.size).toBeLessThanOrEqual(2);
    expect(limiter.take('a', 0).ok).toBe(true);
    expect(limiter.take('c', 0).ok).toBe(false);
  });
});
