import { assertNever } from '@hookline/platform';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Share of failed requests in the window (0–1) that opens the breaker. */
  failureRateThreshold: number;
  /** Requests the window must hold before its failure rate is judged. */
  minimumRequests: number;
  /** The sliding window the rate is measured over. */
  windowMs: number;
  cooldownMs: number;
  /** The cool-down doubles after each failed probe, up to this. */
  maxCooldownMs: number;
}

/** `probe`: this request is one of the trial a half-open breaker lets through. */
export type BreakerPermit = { allowed: true; probe: boolean } | { allowed: false; retryAtMs: number };

const BUCKETS = 10;
/** Probes a half-open breaker judges before it closes or opens again. */
export const TRIAL_REQUESTS = 5;
/** How soon a delivery refused during the trial (its probes all in flight) comes back. */
const TRIAL_RETRY_MS = 1_000;

interface Trial {
  requests: number;
  failures: number;
  inFlight: number;
  /** Probes allowed in flight at once: 1, doubled by each success, so a recovering endpoint ramps up. */
  allowance: number;
}

/**
 * Per-webhook breaker over a failure rate. Closed: requests flow, outcomes are counted in a sliding
 * window; it opens when at least `minimumRequests` ended there and `failureRateThreshold` of them
 * failed, so an endpoint that fails some requests and answers others (a first attempt refused, its
 * retry accepted) keeps its traffic, and only one that is down is held back. Open: requests skip the
 * network until the cool-down ends. Half-open: a trial of `TRIAL_REQUESTS` probes, one in flight at
 * first and twice as many after each success, so an endpoint coming back drains at the pace it
 * answers; judged by the same failure rate, the trial closes the breaker with an empty window or
 * opens it again for twice as long. One unlucky probe does not decide it.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private openUntilMs = 0;
  private cooldownMs: number;
  private trial: Trial | null = null;
  /** Counts per time slice of the window, oldest first; `start` is the slice's start. */
  private readonly slices: Array<{ start: number; requests: number; failures: number }> = [];

  constructor(private readonly options: CircuitBreakerOptions) {
    this.cooldownMs = options.cooldownMs;
  }

  state(nowMs: number): BreakerState {
    if (this.current === 'open' && nowMs >= this.openUntilMs) {
      this.current = 'half-open';
      this.trial = { requests: 0, failures: 0, inFlight: 0, allowance: 1 };
    }
    return this.current;
  }

  /** Nothing failed within the window and the breaker is closed: the breaker may be forgotten. */
  isQuiet(nowMs: number): boolean {
    return this.state(nowMs) === 'closed' && this.windowCounts(nowMs).failures === 0;
  }

  permit(nowMs: number): BreakerPermit {
    const state = this.state(nowMs);
    switch (state) {
      case 'closed':
        return { allowed: true, probe: false };
      case 'open':
        return { allowed: false, retryAtMs: this.openUntilMs };
      case 'half-open': {
        const trial = this.trial as Trial;
        if (trial.inFlight >= trial.allowance) {
          return { allowed: false, retryAtMs: nowMs + TRIAL_RETRY_MS };
        }
        trial.inFlight += 1;
        return { allowed: true, probe: true };
      }
      default:
        return assertNever(state, 'breaker state');
    }
  }

  /** The probe granted by `permit` was not sent after all (e.g. no slot); let the next one through. */
  releaseProbe(): void {
    if (this.trial !== null) {
      this.trial.inFlight = Math.max(0, this.trial.inFlight - 1);
    }
  }

  onSuccess(nowMs: number, wasProbe: boolean): void {
    const state = this.state(nowMs);
    if (state === 'half-open' && wasProbe) {
      const trial = this.judgeProbe(false);
      trial.allowance = Math.min(trial.allowance * 2, TRIAL_REQUESTS);
      this.endTrialIfJudged(trial, nowMs);
      return;
    }
    if (state === 'closed') {
      this.count(nowMs, false);
    }
  }

  onFailure(nowMs: number, wasProbe: boolean): void {
    const state = this.state(nowMs);
    if (state === 'half-open' && wasProbe) {
      this.endTrialIfJudged(this.judgeProbe(true), nowMs);
      return;
    }
    if (state !== 'closed') {
      return;
    }
    this.count(nowMs, true);
    const { requests, failures } = this.windowCounts(nowMs);
    if (
      requests >= this.options.minimumRequests &&
      failures >= this.options.failureRateThreshold * requests
    ) {
      this.open(nowMs);
    }
  }

  private judgeProbe(failed: boolean): Trial {
    const trial = this.trial as Trial;
    trial.inFlight = Math.max(0, trial.inFlight - 1);
    trial.requests += 1;
    if (failed) {
      trial.failures += 1;
    }
    return trial;
  }

  private endTrialIfJudged(trial: Trial, nowMs: number): void {
    if (trial.requests < TRIAL_REQUESTS) {
      return;
    }
    this.trial = null;
    if (trial.failures >= this.options.failureRateThreshold * trial.requests) {
      this.cooldownMs = Math.min(this.cooldownMs * 2, this.options.maxCooldownMs);
      this.open(nowMs);
      return;
    }
    this.current = 'closed';
    this.cooldownMs = this.options.cooldownMs;
    this.slices.length = 0;
  }

  private open(nowMs: number): void {
    this.current = 'open';
    this.openUntilMs = nowMs + this.cooldownMs;
    this.slices.length = 0;
  }

  private count(nowMs: number, failed: boolean): void {
    const sliceMs = Math.max(1, Math.ceil(this.options.windowMs / BUCKETS));
    const start = nowMs - (nowMs % sliceMs);
    let last = this.slices[this.slices.length - 1];
    if (last === undefined || last.start !== start) {
      last = { start, requests: 0, failures: 0 };
      this.slices.push(last);
    }
    last.requests += 1;
    if (failed) {
      last.failures += 1;
    }
    this.dropExpired(nowMs);
  }

  private windowCounts(nowMs: number): { requests: number; failures: number } {
    this.dropExpired(nowMs);
    let requests = 0;
    let failures = 0;
    for (const slice of this.slices) {
      requests += slice.requests;
      failures += slice.failures;
    }
    return { requests, failures };
  }

  private dropExpired(nowMs: number): void {
    while (this.slices.length > 0 && this.slices[0].start <= nowMs - this.options.windowMs) {
      this.slices.shift();
    }
  }
}
