const DAY_MS = 86_400_000;

export interface RetentionDays {
  payloadDays: number;
  attemptDays: number;
  statsDays: number;
}

/** Oldest instants still inside each retention window, for one moment `now`. */
export interface RetentionCutoffs {
  /** Payloads of events that occurred before this are gone. */
  payloads: Date;
  /** Deliveries whose last attempt ended before this are gone, with their attempts. */
  attempts: Date;
  /** Hourly rollups of hours starting before this are gone. */
  stats: Date;
}

/**
 * How long each part of the log lives. The projection skips what pruning would already have
 * removed, so replaying the topic never brings back rows past their retention.
 */
export class RetentionPolicy {
  constructor(readonly days: RetentionDays) {}

  cutoffs(now: Date): RetentionCutoffs {
    const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
    return {
      payloads: before(this.days.payloadDays),
      attempts: before(this.days.attemptDays),
      stats: before(this.days.statsDays),
    };
  }

  /** An attempt that started before the attempts window would be pruned with its delivery. */
  isAttemptRetained(startedAt: string, now: Date): boolean {
    return Date.parse(startedAt) >= this.cutoffs(now).attempts.getTime();
  }

  isPayloadRetained(eventOccurredAt: string, now: Date): boolean {
    return Date.parse(eventOccurredAt) >= this.cutoffs(now).payloads.getTime();
  }
}
