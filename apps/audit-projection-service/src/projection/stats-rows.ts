import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '@hookline/contracts';
import { assertNever } from '@hookline/platform';
import { groupBy } from '../common/group-by';
import { emptyLatencyHistogram, latencyBucketIndex } from '../stats/latency-histogram';
import { OUTCOMES_WITHOUT_LATENCY, type StatsCounters } from '../stats/stats-columns';
import type { ProjectedAttempt } from './projected-attempt';

const HOUR_MS = 3_600_000;

/** What a set of new attempts adds to one `audit.stats_hourly` row. */
export interface StatsIncrement extends StatsCounters {
  organizationId: string;
  webhookId: string;
  eventType: string;
  /** The UTC hour the attempts started in. */
  bucketStart: string;
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
export function toStatsIncrements(
  attempts: readonly ProjectedAttempt[],
  weight: 1 | -1 = 1,
): StatsIncrement[] {
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
      addAttempt(row, attempt, weight);
    }
    return row;
  });
}

/** `weight` -1 takes an attempt back out: an interrupted one whose outcome came after all. */
function addAttempt(row: StatsIncrement, attempt: ProjectedAttempt, weight: 1 | -1): void {
  row.attempts += weight;
  row.outcomes[attempt.outcome] += weight;
  if (attempt.attempt === 1) {
    row.deliveriesStarted += weight;
  }
  switch (attempt.deliveryStatus) {
    case 'succeeded':
      row.deliveriesSucceeded += weight;
      break;
    case 'failed':
      row.deliveriesFailed += weight;
      break;
    case 'expired':
      row.deliveriesExpired += weight;
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
  if (weight < 0) {
    throw new Error('only attempts without a latency can be taken back out');
  }
  row.latencyCount += 1;
  row.latencySumMs += attempt.durationMs;
  row.latencyMaxMs = Math.max(row.latencyMaxMs ?? 0, attempt.durationMs);
  row.latencyHistogram[latencyBucketIndex(attempt.durationMs)] += 1;
}

/** One increment per rollup row: one statement may not update a row twice. */
export function mergeStatsIncrements(rows: readonly StatsIncrement[]): StatsIncrement[] {
  return groupBy(rows, (row) =>
    JSON.stringify([row.organizationId, row.webhookId, row.eventType, row.bucketStart]),
  ).map(([first, ...rest]) => {
    const merged: StatsIncrement = {
      ...first,
      outcomes: { ...first.outcomes },
      latencyHistogram: [...first.latencyHistogram],
    };
    for (const row of rest) {
      merged.attempts += row.attempts;
      for (const outcome of ATTEMPT_OUTCOMES) {
        merged.outcomes[outcome] += row.outcomes[outcome];
      }
      merged.deliveriesStarted += row.deliveriesStarted;
      merged.deliveriesSucceeded += row.deliveriesSucceeded;
      merged.deliveriesFailed += row.deliveriesFailed;
      merged.deliveriesExpired += row.deliveriesExpired;
      merged.latencyCount += row.latencyCount;
      merged.latencySumMs += row.latencySumMs;
      merged.latencyMaxMs =
        row.latencyMaxMs === null
          ? merged.latencyMaxMs
          : Math.max(merged.latencyMaxMs ?? 0, row.latencyMaxMs);
      row.latencyHistogram.forEach((count, index) => (merged.latencyHistogram[index] += count));
    }
    return merged;
  });
}
