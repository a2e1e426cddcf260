import { assertNever } from '../common/assert-never';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  cooldownMs: number;
  /** The cool-down doubles after each failed probe, up to this. */
  maxCooldownMs: number;
}

/** `probe`: this request is the single one let through to test a half-open breaker. */
export type BreakerPermit = { allowed: true; probe: boolean } | { allowed: false; retryAtMs: number };

/**
 * Per-webhook breaker. Closed: requests flow, failures are counted. Open: requests skip the network
 * until the cool-down ends. Half-open: one probe at a time; its success closes the breaker, its
 * failure opens it again for twice as long.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openUntilMs = 0;
  private cooldownMs: number;
  private probeInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.cooldownMs = options.cooldownMs;
  }

  state(nowMs: number): BreakerState {
    if (this.current === 'open' && nowMs >= this.openUntilMs) this.current = 'half-open';
    return this.current;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  permit(nowMs: number): BreakerPermit {
    const state = this.state(nowMs);
    switch (state) {
      case 'closed':
        return { allowed: true, probe: false };
      case 'open':
        return { allowed: false, retryAtMs: this.openUntilMs };
      case 'half-open':
        if (this.probeInFlight) return { allowed: false, retryAtMs: nowMs + this.cooldownMs };
        this.probeInFlight = true;
        return { allowed: true, probe: true };
      default:
        return assertNever(state, 'breaker state');
    }
  }

  /** The probe granted by `permit` was not sent after all (e.g. no slot); let the next one through. */
  releaseProbe(): void {
    this.probeInFlight = false;
  }

  onSuccess(): void {
    this.current = 'closed';
    this.failures = 0;
    this.cooldownMs = this.options.cooldownMs;
    this.probeInFlight = false;
  }

  onFailure(nowMs: number, wasProbe: boolean): void {
    this.failures += 1;
    if (wasProbe) {
      this.probeInFlight = false;
      this.cooldownMs = Math.min(this.cooldownMs * 2, this.options.maxCooldownMs);
      this.open(nowMs);
      return;
    }
    if (this.current === 'closed' && this.failures >= this.options.failureThreshold) this.open(nowMs);
  }

  private open(nowMs: number): void {
    this.current = 'open';
    this.openUntilMs = nowMs + this.cooldownMs;
  }
}
