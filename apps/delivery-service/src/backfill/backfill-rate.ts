import { TokenBucket } from '../isolation/token-bucket';

/**
 * The pace of every backfill of the process together: one token per matched event, so the endpoints
 * and this process keep most of their capacity for live traffic. `stopped` ends a wait early.
 */
export class BackfillRate {
  private readonly bucket: TokenBucket;

  constructor(
    ratePerSecond: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.bucket = new TokenBucket(ratePerSecond, clock());
  }

  /** Resolves when the caller may hand one more event over, or as soon as `stopped()` turns true. */
  async take(stopped: () => boolean): Promise<void> {
    let waitMs = this.bucket.reserve(this.clock(), Number.POSITIVE_INFINITY) ?? 0;
    // Waits in slices, so a cancelled backfill does not sit out a long debt.
    while (waitMs > 0 && !stopped()) {
      const slice = Math.min(waitMs, 200);
      await new Promise((resolve) => setTimeout(resolve, slice));
      waitMs -= slice;
    }
  }
}
