import { Injectable } from '@nestjs/common';
import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '@hookline/contracts';
import { DataSource } from 'typeorm';
import type { StatsRange } from './stats-range';
import { COUNTER_COLUMNS, OUTCOME_COLUMNS, type StatsCounters } from './stats-columns';

export type StatsDimension = 'total' | 'webhook' | 'eventType' | 'bucket';

export interface StatsFilter {
  organizationId: string;
  range: StatsRange;
  webhookId: string | null;
  eventType: string | null;
}

/** Sums over the hourly rollups of one group (the whole range, a webhook, an event type or a bucket). */
export interface StatsAggregate extends StatsCounters {
  dimension: StatsDimension;
  /** Webhook id, event type or bucket start (ISO); null for the total. */
  key: string | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
}

type Row = Record<string, string | number | Date | null>;

/** The rollups' counters, summed over the buckets a query covers. */
const SUMMED = COUNTER_COLUMNS;

const percentile = (quantile: string) =>
  `audit.latency_percentile(audit.histogram_sum(latency_histogram), ${quantile}, max(latency_max_ms))`;

@Injectable()
export class StatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One scan of the organization's hourly rollups in the range (primary key, or
   * `stats_hourly_webhook_idx` / `stats_hourly_event_type_idx` when filtered), grouped four ways.
   */
  async aggregate(filter: StatsFilter): Promise<StatsAggregate[]> {
    const params: unknown[] = [
      filter.organizationId,
      filter.range.from.toISOString(),
      filter.range.to.toISOString(),
    ];
    const conditions = ['organization_id = $1', 'bucket_start >= $2', 'bucket_start < $3'];
    if (filter.webhookId !== null) {
      params.push(filter.webhookId);
      conditions.push(`webhook_id = $${params.length}`);
    }
    if (filter.eventType !== null) {
      params.push(filter.eventType);
      conditions.push(`event_type = $${params.length}`);
    }
    const bucket = filter.range.bucket === 'day' ? `date_trunc('day', bucket_start, 'UTC')` : 'bucket_start';
    const rows = await this.dataSource.query<Row[]>(
      `SELECT GROUPING(webhook_id) AS no_webhook, GROUPING(event_type) AS no_event_type,
         GROUPING(bucket) AS no_bucket, webhook_id, event_type, bucket,
         ${SUMMED.map((column) => `sum(${column})::bigint AS ${column}`).join(', ')},
         max(latency_max_ms) AS latency_max_ms,
         ${percentile('0.50')} AS latency_p50_ms,
         ${percentile('0.95')} AS latency_p95_ms,
         ${percentile('0.99')} AS latency_p99_ms
       FROM (SELECT *, ${bucket} AS bucket FROM audit.stats_hourly WHERE ${conditions.join(' AND ')}) s
       GROUP BY GROUPING SETS ((), (webhook_id), (event_type), (bucket))`,
      params,
    );
    return rows.map(toAggregate);
  }
}

function toAggregate(row: Row): StatsAggregate {
  const count = (column: string) => Number(row[column] ?? 0);
  const nullableNumber = (column: string) => (row[column] === null ? null : Number(row[column]));
  const dimension: StatsDimension =
    Number(row.no_webhook) === 0
      ? 'webhook'
      : Number(row.no_event_type) === 0
        ? 'eventType'
        : Number(row.no_bucket) === 0
          ? 'bucket'
          : 'total';
  const key =
    dimension === 'webhook'
      ? String(row.webhook_id)
      : dimension === 'eventType'
        ? String(row.event_type)
        : dimension === 'bucket'
          ? (row.bucket as Date).toISOString()
          : null;
  return {
    dimension,
    key,
    attempts: count('attempts'),
    outcomes: Object.fromEntries(
      ATTEMPT_OUTCOMES.map((outcome) => [outcome, count(OUTCOME_COLUMNS[outcome])]),
    ) as Record<AttemptOutcome, number>,
    deliveriesStarted: count('deliveries_started'),
    deliveriesSucceeded: count('deliveries_succeeded'),
    deliveriesFailed: count('deliveries_failed'),
    deliveriesExpired: count('deliveries_expired'),
    latencyCount: count('latency_count'),
    latencySumMs: count('latency_sum_ms'),
    latencyMaxMs: nullableNumber('latency_max_ms'),
    latencyP50Ms: nullableNumber('latency_p50_ms'),
    latencyP95Ms: nullableNumber('latency_p95_ms'),
    latencyP99Ms: nullableNumber('latency_p99_ms'),
  };
}
