import { Injectable } from '@nestjs/common';
import {
  ATTEMPT_OUTCOMES,
  type AttemptOutcome,
  type DeliveredPayload,
  type DeliveryStatus,
} from '@hookline/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { OUTCOME_COLUMNS } from '../stats/stats-columns';
import type { StatsIncrement } from './stats-rows';

/** Instants travel as ISO strings: the driver sends them to Postgres untouched. */
export interface AttemptRow {
  id: string;
  deliveryId: string;
  organizationId: string;
  webhookId: string;
  eventType: string;
  url: string;
  attemptNumber: number;
  startedAt: string;
  durationMs: number;
  requestHeaders: Record<string, string>;
  responseStatus: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  responseBodyTruncated: boolean;
  outcome: AttemptOutcome;
  error: string | null;
  nextAttemptAt: string | null;
}

export interface DeliveryRow {
  id: string;
  organizationId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  subject: string;
  url: string;
  status: DeliveryStatus;
  lastAttemptId: string;
  lastAttemptNumber: number;
  lastResponseStatus: number | null;
  lastOutcome: AttemptOutcome;
  lastAttemptAt: string;
  nextAttemptAt: string | null;
  eventOccurredAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface PayloadRow {
  eventId: string;
  organizationId: string;
  eventType: string;
  body: DeliveredPayload;
  occurredAt: string;
  createdAt: string;
}

/** The writes of one batch, all inside one transaction. */
export interface ProjectionWriter {
  /** Returns the ids that were not stored before. */
  insertAttempts(rows: AttemptRow[]): Promise<Set<string>>;
  upsertPayloads(rows: PayloadRow[]): Promise<void>;
  upsertDeliveries(rows: DeliveryRow[]): Promise<void>;
  /** Adds to the hourly rollups; called last, so their hot rows stay locked only until commit. */
  addStats(rows: StatsIncrement[]): Promise<void>;
}

const json = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

// Mirrors `isLaterAttempt`: ids compare bytewise so SQL and TypeScript agree on ties.
const INCOMING_IS_LATER = `(EXCLUDED.last_attempt_number, EXCLUDED.last_attempt_at, EXCLUDED.last_attempt_id COLLATE "C")
  > (d.last_attempt_number, d.last_attempt_at, d.last_attempt_id COLLATE "C")`;

const LATEST_ATTEMPT_COLUMNS = [
  'url',
  'status',
  'last_attempt_id',
  'last_attempt_number',
  'last_response_status',
  'last_outcome',
  'last_attempt_at',
  'next_attempt_at',
];

class SqlProjectionWriter implements ProjectionWriter {
  constructor(private readonly manager: EntityManager) {}

  async insertAttempts(rows: AttemptRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const sorted = [...rows].sort((a, b) => compareIds(a.id, b.id));
    const inserted: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO audit.attempt (id, delivery_id, organization_id, webhook_id, event_type, url,
         attempt_number, started_at, duration_ms, request_headers, response_status, response_headers,
         response_body, response_body_truncated, outcome, error, next_attempt_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::int[], $8::timestamptz[], $9::int[], $10::jsonb[], $11::int[], $12::jsonb[],
         $13::text[], $14::boolean[], $15::text[], $16::text[], $17::timestamptz[])
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [
        sorted.map((row) => row.id),
        sorted.map((row) => row.deliveryId),
        sorted.map((row) => row.organizationId),
        sorted.map((row) => row.webhookId),
        sorted.map((row) => row.eventType),
        sorted.map((row) => row.url),
        sorted.map((row) => row.attemptNumber),
        sorted.map((row) => row.startedAt),
        sorted.map((row) => row.durationMs),
        sorted.map((row) => json(row.requestHeaders)),
        sorted.map((row) => row.responseStatus),
        sorted.map((row) => json(row.responseHeaders)),
        sorted.map((row) => row.responseBody),
        sorted.map((row) => row.responseBodyTruncated),
        sorted.map((row) => row.outcome),
        sorted.map((row) => row.error),
        sorted.map((row) => row.nextAttemptAt),
      ],
    );
    return new Set(inserted.map((row) => row.id));
  }

  async upsertPayloads(rows: PayloadRow[]): Promise<void> {
    if (rows.length === 0) return;
    const sorted = [...rows].sort((a, b) => compareIds(a.eventId, b.eventId));
    // The body is immutable; only `created_at` may move earlier, so any replay order ends the same.
    await this.manager.query(
      `INSERT INTO audit.payload AS p (event_id, organization_id, event_type, body, occurred_at, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::timestamptz[])
       ON CONFLICT (event_id) DO UPDATE SET created_at = EXCLUDED.created_at
       WHERE EXCLUDED.created_at < p.created_at`,
      [
        sorted.map((row) => row.eventId),
        sorted.map((row) => row.organizationId),
        sorted.map((row) => row.eventType),
        sorted.map((row) => json(row.body)),
        sorted.map((row) => row.occurredAt),
        sorted.map((row) => row.createdAt),
      ],
    );
  }

  async upsertDeliveries(rows: DeliveryRow[]): Promise<void> {
    if (rows.length === 0) return;
    const sorted = [...rows].sort((a, b) => compareIds(a.id, b.id));
    const latestAttemptUpdates = LATEST_ATTEMPT_COLUMNS.map(
      (column) => `${column} = CASE WHEN ${INCOMING_IS_LATER} THEN EXCLUDED.${column} ELSE d.${column} END`,
    ).join(',\n         ');
    await this.manager.query(
      `INSERT INTO audit.delivery AS d (id, organization_id, webhook_id, event_id, event_type, subject, url,
         status, attempt_count, last_attempt_id, last_attempt_number, last_response_status, last_outcome,
         last_attempt_at, next_attempt_at, event_occurred_at, created_at, updated_at)
       SELECT v.id, v.organization_id, v.webhook_id, v.event_id, v.event_type, v.subject, v.url, v.status,
         (SELECT count(*) FROM audit.attempt a WHERE a.delivery_id = v.id)::int,
         v.last_attempt_id, v.last_attempt_number, v.last_response_status, v.last_outcome,
         v.last_attempt_at, v.next_attempt_at, v.event_occurred_at, v.created_at, v.updated_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::int[], $11::int[], $12::text[], $13::timestamptz[],
         $14::timestamptz[], $15::timestamptz[], $16::timestamptz[], $17::timestamptz[])
         AS v(id, organization_id, webhook_id, event_id, event_type, subject, url, status,
           last_attempt_id, last_attempt_number, last_response_status, last_outcome,
           last_attempt_at, next_attempt_at, event_occurred_at, created_at, updated_at)
       ON CONFLICT (id) DO UPDATE SET
         ${latestAttemptUpdates},
         attempt_count = EXCLUDED.attempt_count,
         created_at = LEAST(d.created_at, EXCLUDED.created_at),
         updated_at = GREATEST(d.updated_at, EXCLUDED.updated_at)`,
      [
        sorted.map((row) => row.id),
        sorted.map((row) => row.organizationId),
        sorted.map((row) => row.webhookId),
        sorted.map((row) => row.eventId),
        sorted.map((row) => row.eventType),
        sorted.map((row) => row.subject),
        sorted.map((row) => row.url),
        sorted.map((row) => row.status),
        sorted.map((row) => row.lastAttemptId),
        sorted.map((row) => row.lastAttemptNumber),
        sorted.map((row) => row.lastResponseStatus),
        sorted.map((row) => row.lastOutcome),
        sorted.map((row) => row.lastAttemptAt),
        sorted.map((row) => row.nextAttemptAt),
        sorted.map((row) => row.eventOccurredAt),
        sorted.map((row) => row.createdAt),
        sorted.map((row) => row.updatedAt),
      ],
    );
  }

  async addStats(rows: StatsIncrement[]): Promise<void> {
    if (rows.length === 0) return;
    const sorted = [...rows].sort((a, b) => compareIds(STATS_KEY(a), STATS_KEY(b)));
    const counters = COUNTER_COLUMNS.map((column, index) => ({
      column,
      values: sorted.map((row) => counterValues(row)[index]),
    }));
    const firstCounterParam = 5;
    const maxParam = firstCounterParam + counters.length;
    const histogramParam = maxParam + 1;
    await this.manager.query(
      `INSERT INTO audit.stats_hourly AS s (organization_id, bucket_start, webhook_id, event_type,
         ${COUNTER_COLUMNS.join(', ')}, latency_max_ms, latency_histogram)
       SELECT v.organization_id, v.bucket_start, v.webhook_id, v.event_type,
         ${COUNTER_COLUMNS.map((column) => `v.${column}`).join(', ')}, v.latency_max_ms,
         v.latency_histogram::bigint[]
       FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[],
         ${counters.map((_, index) => `$${firstCounterParam + index}::bigint[]`).join(', ')},
         $${maxParam}::int[], $${histogramParam}::text[])
         AS v(organization_id, bucket_start, webhook_id, event_type, ${COUNTER_COLUMNS.join(', ')},
           latency_max_ms, latency_histogram)
       ON CONFLICT (organization_id, bucket_start, webhook_id, event_type) DO UPDATE SET
         ${COUNTER_COLUMNS.map((column) => `${column} = s.${column} + EXCLUDED.${column}`).join(',\n         ')},
         latency_max_ms = GREATEST(s.latency_max_ms, EXCLUDED.latency_max_ms),
         latency_histogram = audit.histogram_add(s.latency_histogram, EXCLUDED.latency_histogram)`,
      [
        sorted.map((row) => row.organizationId),
        sorted.map((row) => row.bucketStart),
        sorted.map((row) => row.webhookId),
        sorted.map((row) => row.eventType),
        ...counters.map((counter) => counter.values),
        sorted.map((row) => row.latencyMaxMs),
        // A 2-D array parameter would be flattened by unnest; each histogram travels as its literal.
        sorted.map((row) => `{${row.latencyHistogram.join(',')}}`),
      ],
    );
  }
}

const COUNTER_COLUMNS = [
  'attempts',
  ...ATTEMPT_OUTCOMES.map((outcome) => OUTCOME_COLUMNS[outcome]),
  'deliveries_started',
  'deliveries_succeeded',
  'deliveries_failed',
  'deliveries_expired',
  'latency_count',
  'latency_sum_ms',
];

function counterValues(row: StatsIncrement): number[] {
  return [
    row.attempts,
    ...ATTEMPT_OUTCOMES.map((outcome) => row.outcomes[outcome]),
    row.deliveriesStarted,
    row.deliveriesSucceeded,
    row.deliveriesFailed,
    row.deliveriesExpired,
    row.latencyCount,
    row.latencySumMs,
  ];
}

const STATS_KEY = (row: StatsIncrement) =>
  [row.organizationId, row.bucketStart, row.webhookId, row.eventType].join('\u0000');

/** Rows are written in key order so concurrent batches lock shared rows (payloads) in one order. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

@Injectable()
export class ProjectionRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (writer: ProjectionWriter) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new SqlProjectionWriter(manager)));
  }
}
