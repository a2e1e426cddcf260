import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '@hookline/contracts';
import { assertNever } from '@hookline/platform';
import { groupBy } from '../common/group-by';
import { emptyLatencyHistogram, latencyBucketIndex } from '../stats/latency-histogram';
import { OUTCOMES_WITHOUT_LATENCY } from '../stats/stats-columns';
import type { AttemptEventDto } from './dto/attempt-event.dto';

const HOUR_MS = 3_600_000;

/** What a set of new attempts adds to one `audit.stats_hourly` row. */
export interface StatsIncrement {
  organizationId: string;
  webhookId: string;
  eventType: string;
  /** The UTC hour the attempts started in. */
  bucketStart: string;
  attempts: number;
  outcomes: Record<AttemptOutcome, number>;
  /** First attempts: deliveries that began. */
  deliveriesStarted: number;
  /** Attempts that left their delivery succeeded, failed or expired. */
  deliveriesSucceeded: number;
  deliveriesFailed: number;
  deliveriesExpired: number;
  latencyCount: number;
  latencySumMs: number;
  latencyMaxMs: number | null;
  latencyHistogram: number[];
}

export function hourOf(instant: string): string {
  const ms = Date.parse(instant);
  return new Date(ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS)).toISOString();
}

function emptyOutcomes(): Record<AttemptOutcome, number> {
  return Object.fromEntries(ATTEMPT_OUTCOMES.map((outcome) => [outcome, 0])) as Record<
    AttemptOutcome,
    number
  >;
}

/**
 * Rolls new attempts up by organization, webhook, event type and hour. Only attempts stored
 * for the first time may be passed in: that is what keeps the increments idempotent.
 */
export function toStatsIncrements(attempts: readonly AttemptEventDto[]): StatsIncrement[] {
  const groups = groupBy(attempts, (attempt) =>
    JSON.stringify([attempt.organizationId, attempt.webhookId, attempt.eventType, hourOf(attempt.startedAt)]),
  );
  return groups.map((group) => {
    const [first] = group;
    const row: StatsIncrement = {
      organizationId: first.organizationId,
      webhookId: first.webhookId,
      eventType: first.eventType,
      bucketStart: hourOf(first.startedAt),
      attempts: 0,
      outcomes: emptyOutcomes(),
      deliveriesStarted: 0,
      deliveriesSucceeded: 0,
      deliveriesFailed: 0,
      deliveriesExpired: 0,
      latencyCount: 0,
      latencySumMs: 0,
      latencyMaxMs: null,
      latencyHistogram: emptyLatencyHistogram(),
    };
    for (const attempt of group) {
      addAttempt(row, attempt);
    }
    return row;
  });
}

function addAttempt(row: StatsIncrement, attempt: AttemptEventDto): void {
  row.attempts += 1;
  row.outcomes[attempt.outcome] += 1;
  if (attempt.attempt === 1) {
    row.deliveriesStarted += 1;
  }
  switch (attempt.deliveryStatus) {
    case 'succeeded':
      row.deliveriesSucceeded += 1;
      break;
    case 'failed':
      row.deliveriesFailed += 1;
      break;
    case 'expired':
      row.deliveriesExpired += 1;
      break;
    case 'pending':
    case 'retrying':
      break;
    default:
      assertNever(attempt.deliveryStatus, 'delivery status');
  }
  if (OUTCOMES_WITHOUT_LATENCY.has(attempt.outcome)) {
    return;
  }
  row.latencyCount += 1;
  row.latencySumMs += attempt.durationMs;
  row.latencyMaxMs = Math.max(row.latencyMaxMs ?? 0, attempt.durationMs);
  row.latencyHistogram[latencyBucketIndex(attempt.durationMs)] += 1;
}
