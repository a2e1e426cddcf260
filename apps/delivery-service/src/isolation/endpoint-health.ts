import type { AttemptOutcome, DisableReason } from '@hookline/contracts';
import { CircuitBreaker, type BreakerPermit, type CircuitBreakerOptions } from './circuit-breaker';

export interface EndpointHealthOptions extends CircuitBreakerOptions {
  /** A failure streak this long, without a single success, asks for the webhook to be disabled. */
  autoDisableAfterMs: number;
}

export interface WebhookRef {
  id: string;
  version: number;
}

/** What a delivery already knows about the streak (from its retry task), for after a restart. */
export interface StreakHint {
  failingSinceMs: number | null;
  /** Failed attempts of this delivery before the current one. */
  failedAttemptsBefore: number;
}

const MAX_REMEMBERED_RECOVERIES = 100_000;

export interface HealthVerdict {
  /** Set on a success that ends a failure streak: how many attempts had failed before it. */
  recoveredAfter: number | null;
  /** Set the first time (per webhook state version) the endpoint should be disabled. */
  disable: { reason: DisableReason; detail: string } | null;
}

interface Streak {
  failures: number;
  failingSinceMs: number | null;
  disableAskedForVersion: number | null;
}

/**
 * Per-webhook health, in memory: the current failure streak (count and start), the circuit breaker
 * (kept while failures are in its window, across successes),
 * and when to ask subscription-service to disable the webhook. Healthy webhooks hold no entry.
 * The streak start also travels in retry tasks, so a restart does not reset auto-disable.
 */
export class EndpointHealth {
  private readonly streaks = new Map<string, Streak>();
  /** Breakers of webhooks with a failure in their window; outlive a streak, which one success ends. */
  private readonly breakers = new Map<string, CircuitBreaker>();
  /** When each webhook's last streak ended here, oldest first, so a stale hint does not report it again. */
  private readonly recoveries = new Map<string, number>();

  constructor(private readonly options: EndpointHealthOptions) {}

  get failingWebhooks(): number {
    return this.streaks.size;
  }

  openBreakers(nowMs: number): number {
    let open = 0;
    for (const breaker of this.breakers.values()) {
      if (breaker.state(nowMs) !== 'closed') {
        open += 1;
      }
    }
    return open;
  }

  permit(webhookId: string, nowMs: number): BreakerPermit {
    return this.breakers.get(webhookId)?.permit(nowMs) ?? { allowed: true, probe: false };
  }

  releaseProbe(webhookId: string): void {
    this.breakers.get(webhookId)?.releaseProbe();
  }

  failingSince(webhookId: string): number | null {
    return this.streaks.get(webhookId)?.failingSinceMs ?? null;
  }

  /** Records a request that reached the network (`outcome` neither `expired` nor `blocked`). */
  record(
    webhook: WebhookRef,
    outcome: AttemptOutcome,
    responseStatus: number | null,
    nowMs: number,
    wasProbe: boolean,
    hint: StreakHint,
  ): HealthVerdict {
    const streak = this.streaks.get(webhook.id);
    this.recordOnBreaker(webhook.id, outcome === 'success', nowMs, wasProbe);
    if (outcome === 'success') {
      return { recoveredAfter: this.recover(webhook.id, streak, hint, nowMs), disable: null };
    }
    const current = streak ?? this.startStreak(webhook.id);
    current.failures += 1;
    const knownStart = [current.failingSinceMs, hint.failingSinceMs, nowMs].filter(
      (value): value is number => value !== null,
    );
    current.failingSinceMs = Math.min(...knownStart);
    const disable = this.disableReason(current, responseStatus, nowMs);
    if (disable === null || current.disableAskedForVersion === webhook.version) {
      return { recoveredAfter: null, disable: null };
    }
    current.disableAskedForVersion = webhook.version;
    return { recoveredAfter: null, disable };
  }

  private recordOnBreaker(webhookId: string, succeeded: boolean, nowMs: number, wasProbe: boolean): void {
    let breaker = this.breakers.get(webhookId);
    if (succeeded) {
      breaker?.onSuccess(nowMs, wasProbe);
      if (breaker?.isQuiet(nowMs)) {
        this.breakers.delete(webhookId);
      }
      return;
    }
    if (!breaker) {
      breaker = new CircuitBreaker(this.options);
      this.breakers.set(webhookId, breaker);
    }
    breaker.onFailure(nowMs, wasProbe);
  }

  /**
   * Only the success that ends a streak reports it: the streak held here, or (after a restart) the
   * one a delivery's hint tells of, unless a recovery here already ended it. Successes of deliveries
   * dispatched during the streak, arriving after it ended, report nothing.
   */
  private recover(
    webhookId: string,
    streak: Streak | undefined,
    hint: StreakHint,
    nowMs: number,
  ): number | null {
    const recoveredAt = this.recoveries.get(webhookId);
    const hintedStreakIsOpen =
      hint.failingSinceMs !== null && (recoveredAt === undefined || hint.failingSinceMs > recoveredAt);
    if (streak === undefined && !hintedStreakIsOpen) {
      return null;
    }
    this.streaks.delete(webhookId);
    this.rememberRecovery(webhookId, nowMs);
    return Math.max(1, streak?.failures ?? 0, hint.failedAttemptsBefore);
  }

  private rememberRecovery(webhookId: string, nowMs: number): void {
    this.recoveries.delete(webhookId);
    this.recoveries.set(webhookId, nowMs);
    // Bounded: the oldest recovery is forgotten first; a hint that old reports once more at worst.
    if (this.recoveries.size > MAX_REMEMBERED_RECOVERIES) {
      const [oldest] = this.recoveries.keys();
      this.recoveries.delete(oldest);
    }
  }

  private startStreak(webhookId: string): Streak {
    const streak: Streak = {
      failures: 0,
      failingSinceMs: null,
      disableAskedForVersion: null,
    };
    this.streaks.set(webhookId, streak);
    return streak;
  }

  private disableReason(
    streak: Streak,
    responseStatus: number | null,
    nowMs: number,
  ): HealthVerdict['disable'] {
    if (responseStatus === 410) {
      return { reason: 'gone', detail: 'endpoint answered 410 Gone' };
    }
    const since = streak.failingSinceMs ?? nowMs;
    if (nowMs - since < this.options.autoDisableAfterMs) {
      return null;
    }
    return {
      reason: 'failing',
      detail: `every attempt failed since ${new Date(since).toISOString()} (${streak.failures} in a row here)`,
    };
  }
}
