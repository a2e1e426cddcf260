import { RETRY_TIERS, type WebhookState } from '@hookline/contracts';
import { ConcurrencyLimit } from './concurrency-limit';
import { TokenBucket } from './token-bucket';

export type WebhookLimits = Pick<WebhookState, 'id' | 'maxConcurrency' | 'rateLimitPerSecond'>;

export type LimiterRefusalReason = 'webhook_busy' | 'rate_limited';

export type LimiterDecision =
  { ok: true; release: () => void } | { ok: false; reason: LimiterRefusalReason; retryAtMs: number };

interface Entry {
  slots: ConcurrencyLimit;
  bucket: TokenBucket | null;
  /** Latest instant handed to a rate-limited delivery: the next one is sent back one token later. */
  lastRetryAtMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Enforces each webhook's `maxConcurrency` and `rateLimitPerSecond`. A delivery waits at most
 * `budgetMs` for both; otherwise it is refused with the instant worth trying again, and the caller
 * re-queues it without counting an attempt, so a saturated webhook never holds a partition.
 */
export class WebhookLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly defaultMaxConcurrency: number,
    private readonly now: () => number = Date.now,
  ) {}

  get trackedWebhooks(): number {
    return this.entries.size;
  }

  async acquire(webhook: WebhookLimits, budgetMs: number): Promise<LimiterDecision> {
    const startedAt = this.now();
    const entry = this.entryFor(webhook, startedAt);
    if (!(await entry.slots.tryAcquire(budgetMs))) {
      this.forgetIfIdle(webhook.id, entry);
      return { ok: false, reason: 'webhook_busy', retryAtMs: this.now() + RETRY_TIERS[0].delayMs };
    }
    const release = () => {
      entry.slots.release();
      this.forgetIfIdle(webhook.id, entry);
    };
    if (entry.bucket === null) return { ok: true, release };
    const now = this.now();
    const waitMs = entry.bucket.reserve(now, Math.max(0, budgetMs - (now - startedAt)));
    if (waitMs === null) {
      // A backlog gets one future slot each, at the rate, instead of all coming back at once.
      const earliest = now + Math.max(RETRY_TIERS[0].delayMs, entry.bucket.waitMs(now));
      const retryAtMs = Math.max(earliest, entry.lastRetryAtMs + Math.ceil(1_000 / entry.bucket.rate));
      entry.lastRetryAtMs = retryAtMs;
      release();
      return { ok: false, reason: 'rate_limited', retryAtMs };
    }
    if (waitMs > 0) await sleep(waitMs);
    return { ok: true, release };
  }

  private entryFor(webhook: WebhookLimits, nowMs: number): Entry {
    const limit = webhook.maxConcurrency ?? this.defaultMaxConcurrency;
    const rate = webhook.rateLimitPerSecond;
    let entry = this.entries.get(webhook.id);
    if (!entry) {
      entry = { slots: new ConcurrencyLimit(limit), bucket: null, lastRetryAtMs: 0 };
      this.entries.set(webhook.id, entry);
    }
    if (entry.slots.limit !== limit) entry.slots.setLimit(limit);
    if (rate === null || !(rate > 0)) entry.bucket = null;
    else if (entry.bucket === null) entry.bucket = new TokenBucket(rate, nowMs);
    else entry.bucket.setRate(rate, nowMs);
    return entry;
  }

  private forgetIfIdle(webhookId: string, entry: Entry): void {
    if (!entry.slots.isIdle || entry.lastRetryAtMs > this.now()) return;
    if (entry.bucket !== null && !entry.bucket.isFull(this.now())) return;
    if (this.entries.get(webhookId) === entry) this.entries.delete(webhookId);
  }
}
