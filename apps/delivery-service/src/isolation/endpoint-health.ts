import type { AttemptOutcome } from '@hookline/contracts';
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

export type DisableReason = 'gone' | 'failing';

export interface HealthVerdict {
  /** Set on a success that ends a failure streak: how many attempts had failed before it. */
  recoveredAfter: number | null;
  /** Set the first time (per webhook state version) the endpoint should be disabled. */
  disable: { reason: DisableReason; detail: string } | null;
}

interface Streak {
  breaker: CircuitBreaker;
  failures: number;
  failingSinceMs: number | null;
  disableAskedForVersion: number | null;
}

/**
 * Per-webhook health, in memory: the current failure streak (count and start), the circuit breaker,
 * and when to ask subscription-service to disable the webhook. Healthy webhooks hold no entry.
 * The streak start also travels in retry tasks, so a restart does not reset auto-disable.
 */
export class EndpointHealth {
  private readonly streaks = new Map<string, Streak>();

  constructor(private readonly options: EndpointHealthOptions) {}

  get failingWebhooks(): number {
    return this.streaks.size;
  }

  openBreakers(nowMs: number): number {
    let open = 0;
    for (const streak of this.streaks.values()) if (streak.breaker.state(nowMs) !== 'closed') open += 1;
    return open;
  }

  permit(webhookId: string, nowMs: number): BreakerPermit {
    return this.streaks.get(webhookId)?.breaker.permit(nowMs) ?? { allowed: true, probe: false };
  }

  releaseProbe(webhookId: string): void {
    this.streaks.get(webhookId)?.breaker.releaseProbe();
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
    if (outcome === 'success') {
      this.streaks.delete(webhook.id);
      const failedBefore = Math.max(streak?.failures ?? 0, hint.failedAttemptsBefore);
      const wasFailing = failedBefore > 0 || streak !== undefined || hint.failingSinceMs !== null;
      return { recoveredAfter: wasFailing ? Math.max(1, failedBefore) : null, disable: null };
    }
    const current = streak ?? this.startStreak(webhook.id);
    current.failures += 1;
    const knownStart = [current.failingSinceMs, hint.failingSinceMs, nowMs].filter(
      (value): value is number => value !== null,
    );
    current.failingSinceMs = Math.min(...knownStart);
    current.breaker.onFailure(nowMs, wasProbe);
    const disable = this.disableReason(current, responseStatus, nowMs);
    if (disable === null || current.disableAskedForVersion === webhook.version)
      return { recoveredAfter: null, disable: null };
    current.disableAskedForVersion = webhook.version;
    return { recoveredAfter: null, disable };
  }

  private startStreak(webhookId: string): Streak {
    const streak: Streak = {
      breaker: new CircuitBreaker(this.options),
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
    if (responseStatus === 410) return { reason: 'gone', detail: 'endpoint answered 410 Gone' };
    const since = streak.failingSinceMs ?? nowMs;
    if (nowMs - since < this.options.autoDisableAfterMs) return null;
    return {
      reason: 'failing',
      detail: `every attempt failed since ${new Date(since).toISOString()} (${streak.failures} in a row here)`,
    };
  }
}
