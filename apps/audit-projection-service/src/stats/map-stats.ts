import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '@hookline/contracts';
import type { StatsDto, StatsSummaryDto } from './dto/stats.dto';
import { bucketStarts, type StatsRange } from './stats-range';
import type { StatsAggregate } from './stats.repository';

export function toStatsSummaryDto(aggregate: StatsAggregate | undefined): StatsSummaryDto {
  if (aggregate === undefined) {
    return emptySummary();
  }
  const finished = aggregate.deliveriesSucceeded + aggregate.deliveriesFailed + aggregate.deliveriesExpired;
  return {
    attempts: aggregate.attempts,
    succeededAttempts: aggregate.outcomes.success,
    failedAttempts: aggregate.attempts - aggregate.outcomes.success,
    outcomes: { ...aggregate.outcomes },
    deliveries: {
      started: aggregate.deliveriesStarted,
      succeeded: aggregate.deliveriesSucceeded,
      failed: aggregate.deliveriesFailed,
      expired: aggregate.deliveriesExpired,
      finished,
    },
    successRate: finished === 0 ? null : aggregate.deliveriesSucceeded / finished,
    latencyMs: {
      count: aggregate.latencyCount,
      mean: aggregate.latencyCount === 0 ? null : aggregate.latencySumMs / aggregate.latencyCount,
      p50: aggregate.latencyP50Ms,
      p95: aggregate.latencyP95Ms,
      p99: aggregate.latencyP99Ms,
      max: aggregate.latencyMaxMs,
    },
  };
}

function emptySummary(): StatsSummaryDto {
  return {
    attempts: 0,
    succeededAttempts: 0,
    failedAttempts: 0,
    outcomes: Object.fromEntries(ATTEMPT_OUTCOMES.map((outcome) => [outcome, 0])) as Record<
      AttemptOutcome,
      number
    >,
    deliveries: { started: 0, succeeded: 0, failed: 0, expired: 0, finished: 0 },
    successRate: null,
    latencyMs: { count: 0, mean: null, p50: null, p95: null, p99: null, max: null },
  };
}

const byAttemptsThenKey = (a: StatsAggregate, b: StatsAggregate) =>
  b.attempts - a.attempts || ((a.key ?? '') < (b.key ?? '') ? -1 : 1);

export function toStatsDto(
  range: StatsRange,
  filter: { webhookId: string | null; eventType: string | null },
  aggregates: readonly StatsAggregate[],
): StatsDto {
  const of = (dimension: StatsAggregate['dimension']) =>
    aggregates.filter((aggregate) => aggregate.dimension === dimension).sort(byAttemptsThenKey);
  const buckets = new Map(of('bucket').map((aggregate) => [aggregate.key, aggregate]));
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    bucket: range.bucket,
    webhookId: filter.webhookId,
    eventType: filter.eventType,
    total: toStatsSummaryDto(of('total')[0]),
    byWebhook: of('webhook').map((aggregate) => ({
      webhookId: aggregate.key ?? '',
      ...toStatsSummaryDto(aggregate),
    })),
    byEventType: of('eventType').map((aggregate) => ({
      eventType: aggregate.key ?? '',
      ...toStatsSummaryDto(aggregate),
    })),
    byBucket: bucketStarts(range).map((start) => ({
      bucketStart: start.toISOString(),
      ...toStatsSummaryDto(buckets.get(start.toISOString())),
    })),
  };
}
