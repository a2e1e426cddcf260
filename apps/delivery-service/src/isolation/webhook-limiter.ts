import { RETRY_TIERS, type WebhookState } from '@hookline/contracts';
import { ConcurrencyLimit } from './concurrency-limit';
import { TokenBucket } from './token-bucket';

export type WebhookLimits = Pick<WebhookState, 'id' | 'maxConcurrency' | 'rateLimitPerSecond'> &
  Partial<Pick<WebhookState, 'timeoutSeconds'>>;

export type LimiterRefusalReason = 'webhook_busy' | 'rate_limited';

export type LimiterDecision =
  { ok: true; release: () => void } | { ok: false; reason: LimiterRefusalReason; retryAtMs: number };

export interface WebhookLimiterOptions {
  /** `maxConcurrency` of a webhook that sets none. */
  defaultMaxConcurrency: number;
  /**
   * Waiters give up once none of their webhook's requests has finished for this long (the webhook
   * stalls: hangs or times out); also the longest wait for a rate-limit token.
   */
  stallMs: number;
  /** The longest a delivery waits in memory for a slot; one expected to wait longer is refused at once. */
  maxQueueWaitMs: number;
  /** Deliveries waiting in memory for one webhook; the next one is refused at once. */
  maxQueued: number;
}

interface Entry {
  slots: ConcurrencyLimit;
  bucket: TokenBucket | null;
  /** Latest instant handed to a rate-limited delivery: the next one is sent back one token later. */
  lastRetryAtMs: number;
  /** Moving average of how long a request holds a slot; null before the first one finished. */
  averageHoldMs: number | null;
  /** When a request of this webhook last finished, or it last went from idle to busy. */
  lastProgressAtMs: number;
  stallTimer: NodeJS.Timeout | null;
  /** The webhook's request timeout: before any request finished, none is overdue sooner. */
  timeoutMs: number;
}

const HOLD_SMOOTHING = 0.2;
/** A stall check that ran this much later than planned (a busy event loop) is not trusted: it is repeated. */
const LATE_CHECK_MS = 100;
/** An idle webhook's entry (and what it learnt of the webhook's pace) is kept this long. */
const IDLE_ENTRY_TTL_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Enforces each webhook's `maxConcurrency` and `rateLimitPerSecond`.
 *
 * A delivery that finds every slot of its webhook taken waits in memory, first come first served, as
 * long as the webhook keeps answering: a busy but healthy webhook is served from memory, and the
 * consumer's in-flight cap per partition is the backpressure. It is refused (and re-queued by the
 * caller without counting an attempt) when waiting would hold its partition for a webhook that is
 * not keeping up: at once when its expected wait (the queue ahead, at the pace the webhook's requests
 * finish) exceeds `maxQueueWaitMs` or the webhook already has `maxQueued` waiting, and while waiting
 * when none of the webhook's requests finishes for `stallMs`. So a slow or hanging endpoint occupies
 * at most a bounded share of a partition, and a healthy one never goes through Kafka to wait.
 */
export class WebhookLimiter {
  private readonly entries = new Map<string, Entry>();
  private lastSweepAtMs = 0;
  private replicas = 1;

  constructor(
    private readonly options: WebhookLimiterOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * How many delivery-service replicas share each webhook's limits (see ReplicaShare): this one then
   * enforces `maxConcurrency / replicas` (rounded down, at least 1) and `rateLimitPerSecond / replicas`,
   * so that the replicas together hold the webhook to its limits. Applies from the next acquire.
   */
  setReplicas(replicas: number): void {
    this.replicas = Number.isInteger(replicas) && replicas >= 1 ? replicas : 1;
  }

  get replicaCount(): number {
    return this.replicas;
  }

  get trackedWebhooks(): number {
    return this.entries.size;
  }

  /** Deliveries waiting in memory for a slot, over every webhook. */
  get queued(): number {
    let count = 0;
    for (const entry of this.entries.values()) {
      count += entry.slots.waiting;
    }
    return count;
  }

  async acquire(webhook: WebhookLimits): Promise<LimiterDecision> {
    this.sweepIfDue();
    const entry = this.entryFor(webhook, this.now());
    // A stall is time with requests in flight and none finishing: an idle gap before this burst is none.
    if (entry.slots.isIdle) {
      entry.lastProgressAtMs = this.now();
    }
    if (!entry.slots.hasFreeSlot) {
      const refusal = this.admissionRefusal(entry);
      if (refusal !== null) {
        return refusal;
      }
      this.watchForStall(webhook.id, entry);
    }
    if (!(await entry.slots.tryAcquire(this.options.maxQueueWaitMs))) {
      // Refused after waiting: the webhook stalled (or the wait ran out). Back after as long again.
      const now = this.now();
      const refusal = this.busy(now, Math.max(this.expectedWaitMs(entry), now - entry.lastProgressAtMs));
      this.forgetIfIdle(webhook.id, entry);
      return refusal;
    }
    const hold = { startedAtMs: this.now() };
    let released = false;
    const release = () => {
      if (released) {
        return;
      }
      released = true;
      this.finished(entry, hold);
      entry.slots.release();
      this.forgetIfIdle(webhook.id, entry);
    };
    if (entry.bucket === null) {
      return { ok: true, release };
    }
    const now = this.now();
    const waitMs = entry.bucket.reserve(now, this.options.stallMs);
    if (waitMs === null) {
      // A backlog gets one future slot each, at the rate, instead of all coming back at once.
      const earliest = now + Math.max(RETRY_TIERS[0].delayMs, entry.bucket.waitMs(now));
      const retryAtMs = Math.max(earliest, entry.lastRetryAtMs + Math.ceil(1_000 / entry.bucket.rate));
      entry.lastRetryAtMs = retryAtMs;
      // Not sent, so not an answer: the slot is given back without counting as progress.
      entry.slots.release();
      this.forgetIfIdle(webhook.id, entry);
      return { ok: false, reason: 'rate_limited', retryAtMs };
    }
    if (waitMs > 0) {
      await sleep(waitMs);
    }
    hold.startedAtMs = this.now();
    return { ok: true, release };
  }

  /** Null when waiting is worth it; otherwise the refusal, with when the webhook should have room. */
  private admissionRefusal(entry: Entry): LimiterDecision | null {
    const expected = this.expectedWaitMs(entry);
    const tooMany = entry.slots.waiting >= this.options.maxQueued;
    return tooMany || expected > this.options.maxQueueWaitMs ? this.busy(this.now(), expected) : null;
  }

  /**
   * Rounds of requests ahead of a new waiter times how long a request usually holds a slot. Measured
   * from finished requests only: a request in flight may just be waiting behind a busy event loop, and a
   * webhook that stops answering is caught by the stall check instead.
   */
  private expectedWaitMs(entry: Entry): number {
    return Math.ceil((entry.slots.waiting + 1) / entry.slots.limit) * (entry.averageHoldMs ?? 0);
  }

  private busy(now: number, expectedWaitMs = 0): LimiterDecision {
    // Back when a slot should be free, within the two shortest tiers: an estimate made on a busy
    // process runs long, and a delivery back too late leaves its webhook idle.
    const retryAtMs =
      now + Math.max(RETRY_TIERS[0].delayMs, Math.min(expectedWaitMs, RETRY_TIERS[1].delayMs));
    return { ok: false, reason: 'webhook_busy', retryAtMs };
  }

  private finished(entry: Entry, hold: { startedAtMs: number }): void {
    const now = this.now();
    const heldMs = now - hold.startedAtMs;
    entry.averageHoldMs =
      entry.averageHoldMs === null
        ? heldMs
        : entry.averageHoldMs + HOLD_SMOOTHING * (heldMs - entry.averageHoldMs);
    entry.lastProgressAtMs = now;
  }

  /**
   * While deliveries wait, checks that the webhook keeps finishing requests; refuses them all if not.
   * The verdict is taken after an I/O phase (`setImmediate`), and a check that ran late is repeated:
   * when the event loop was busy, answers that arrived meanwhile are counted before the webhook is
   * judged stalled.
   */
  private watchForStall(webhookId: string, entry: Entry): void {
    if (entry.stallTimer !== null) {
      return;
    }
    const arm = (delayMs: number) => {
      const dueAtMs = this.now() + delayMs;
      entry.stallTimer = setTimeout(() => setImmediate(() => check(dueAtMs)), delayMs);
      entry.stallTimer.unref();
    };
    const check = (dueAtMs: number) => {
      entry.stallTimer = null;
      if (entry.slots.waiting === 0) {
        return;
      }
      const now = this.now();
      const remainingMs = this.stallThresholdMs(entry) - (now - entry.lastProgressAtMs);
      const lateMs = now - dueAtMs;
      if (remainingMs > 0 || lateMs > LATE_CHECK_MS) {
        arm(Math.max(remainingMs, LATE_CHECK_MS));
        return;
      }
      entry.slots.refuseWaiting();
      this.forgetIfIdle(webhookId, entry);
    };
    arm(Math.max(0, this.stallThresholdMs(entry) - (this.now() - entry.lastProgressAtMs)));
  }

  /**
   * No request finished for this long means stalled: the budget, or twice the usual hold of a slow
   * webhook. Before one has finished its pace is unknown, and a request is not overdue before its
   * timeout: a webhook as slow as the budget would otherwise be judged stalled by its first check.
   */
  private stallThresholdMs(entry: Entry): number {
    if (entry.averageHoldMs === null) {
      return Math.max(this.options.stallMs, entry.timeoutMs);
    }
    return Math.max(this.options.stallMs, 2 * entry.averageHoldMs);
  }

  private entryFor(webhook: WebhookLimits, nowMs: number): Entry {
    const limit = Math.max(
      1,
      Math.floor((webhook.maxConcurrency ?? this.options.defaultMaxConcurrency) / this.replicas),
    );
    const rate = webhook.rateLimitPerSecond === null ? null : webhook.rateLimitPerSecond / this.replicas;
    let entry = this.entries.get(webhook.id);
    if (!entry) {
      entry = {
        slots: new ConcurrencyLimit(limit),
        bucket: null,
        lastRetryAtMs: 0,
        averageHoldMs: null,
        lastProgressAtMs: nowMs,
        stallTimer: null,
        timeoutMs: 0,
      };
      this.entries.set(webhook.id, entry);
    }
    if (entry.slots.limit !== limit) {
      entry.slots.setLimit(limit);
    }
    entry.timeoutMs = (webhook.timeoutSeconds ?? 0) * 1_000;
    if (rate === null || !(rate > 0)) {
      entry.bucket = null;
    } else if (entry.bucket === null) {
      entry.bucket = new TokenBucket(rate, nowMs);
    } else {
      entry.bucket.setRate(rate, nowMs);
    }
    return entry;
  }

  private forgetIfIdle(webhookId: string, entry: Entry): void {
    if (!this.isIdle(entry)) {
      return;
    }
    if (entry.stallTimer !== null) {
      clearTimeout(entry.stallTimer);
    }
    entry.stallTimer = null;
    if (this.now() - entry.lastProgressAtMs < IDLE_ENTRY_TTL_MS) {
      return;
    }
    if (this.entries.get(webhookId) === entry) {
      this.entries.delete(webhookId);
    }
  }

  private isIdle(entry: Entry): boolean {
    if (!entry.slots.isIdle || entry.lastRetryAtMs > this.now()) {
      return false;
    }
    return entry.bucket === null || entry.bucket.isFull(this.now());
  }

  /** Drops the entries of webhooks idle for a while, at most once per TTL. */
  private sweepIfDue(): void {
    const now = this.now();
    if (now - this.lastSweepAtMs < IDLE_ENTRY_TTL_MS) {
      return;
    }
    this.lastSweepAtMs = now;
    for (const [webhookId, entry] of this.entries) {
      this.forgetIfIdle(webhookId, entry);
    }
  }
}
