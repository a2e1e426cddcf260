export interface TokenBucketOptions {
  /** The burst a key may spend at once. */
  capacity: number;
  refillPerSecond: number;
  /** Keys remembered at most; the longest-unseen are forgotten first (and start full again). */
  maxKeys?: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

const DEFAULT_MAX_KEYS = 100_000;

/**
 * In-memory token buckets, one per key (an API key, a client address). O(1) per request: one Map
 * lookup, no timers. Per process: with N replicas a client gets N times the limit.
 */
export class TokenBucketLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #maxKeys: number;

  constructor(private readonly options: TokenBucketOptions) {
    this.#maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  }

  get size(): number {
    return this.#buckets.size;
  }

  take(key: string, now: number): TakeResult {
    const bucket = this.#refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return this.#refusal(bucket);
  }

  /** Whether `take` would succeed, without spending a token. */
  peek(key: string, now: number): TakeResult {
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      return { ok: true };
    }
    const tokens = Math.min(
      this.options.capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * this.options.refillPerSecond,
    );
    return tokens >= 1 ? { ok: true } : this.#refusal({ tokens, at: now });
  }

  #refilled(key: string, now: number): Bucket {
    const existing = this.#buckets.get(key);
    if (existing === undefined) {
      this.#evictIfFull();
      const bucket = { tokens: this.options.capacity, at: now };
      this.#buckets.set(key, bucket);
      return bucket;
    }
    const elapsedSeconds = Math.max(0, now - existing.at) / 1000;
    existing.tokens = Math.min(
      this.options.capacity,
      existing.tokens + elapsedSeconds * this.options.refillPerSecond,
    );
    existing.at = now;
    // Re-inserting keeps the Map in least-recently-seen order, so eviction takes the idlest keys.
    this.#buckets.delete(key);
    this.#buckets.set(key, existing);
    return existing;
  }

  #refusal(bucket: Bucket): TakeResult {
    return {
      ok: false,
      retryAfterMs: Math.ceil(((1 - bucket.tokens) / this.options.refillPerSecond) * 1000),
    };
  }

  #evictIfFull(): void {
    while (this.#buckets.size >= this.#maxKeys) {
      const oldest = this.#buckets.keys().next();
      if (oldest.done === true) {
        return;
      }
      this.#buckets.delete(oldest.value);
    }
  }
}
