/**
 * Token bucket for one webhook's `rateLimitPerSecond`: refills continuously, holds at most one second
 * of tokens (the allowed burst). A reservation may run into debt: each caller gets its own future
 * instant, so waiters are spaced at the rate instead of all waking at once.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAtMs: number;

  constructor(
    private ratePerSecond: number,
    nowMs: number,
  ) {
    if (!(ratePerSecond > 0)) {
      throw new RangeError(`rate must be positive (got ${ratePerSecond})`);
    }
    this.tokens = this.capacity;
    this.updatedAtMs = nowMs;
  }

  get rate(): number {
    return this.ratePerSecond;
  }

  private get capacity(): number {
    return Math.max(1, this.ratePerSecond);
  }

  setRate(ratePerSecond: number, nowMs: number): void {
    if (ratePerSecond === this.ratePerSecond) {
      return;
    }
    this.refill(nowMs);
    this.ratePerSecond = ratePerSecond;
    this.tokens = Math.min(this.tokens, this.capacity);
  }

  /**
   * Takes one token if it is available within `maxWaitMs`: resolves to the wait (0 = now).
   * Returns null, and takes nothing, when the wait would be longer.
   */
  reserve(nowMs: number, maxWaitMs: number): number | null {
    const waitMs = this.waitMs(nowMs);
    if (waitMs > maxWaitMs) {
      return null;
    }
    this.tokens -= 1;
    return waitMs;
  }

  /** How long a new caller would wait for a token. */
  waitMs(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1_000);
  }

  /** Full again: nobody is owed anything, the bucket can be forgotten. */
  isFull(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= this.capacity;
  }

  private refill(nowMs: number): void {
    const elapsedMs = Math.max(0, nowMs - this.updatedAtMs);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs / 1_000) * this.ratePerSecond);
    this.updatedAtMs = nowMs;
  }
}
