import { Injectable } from '@nestjs/common';
import type { AttemptOutcome, DeliveredPayload, DeliveryStatus } from '@hookline/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { columnList, jsonbRecordset } from '../common/jsonb-recordset';
import { toStorableJson } from '../common/storable-json';
import { COUNTER_COLUMNS } from '../stats/stats-columns';
import {
  ATTEMPT_COLUMNS,
  DELIVERY_COLUMNS,
  PAYLOAD_COLUMNS,
  STATS_COLUMNS,
  attemptRecord,
  deliveryRecord,
  payloadRecord,
  statsRecord,
} from './projection-records';
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
  /** The delivery's attempts this batch stores for the first time: added to its attempt count. */
  newAttempts: number;
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

const INSERT_ATTEMPTS = `INSERT INTO audit.attempt (${columnList(ATTEMPT_COLUMNS)})
  SELECT ${columnList(ATTEMPT_COLUMNS, 'v')} FROM ${jsonbRecordset(ATTEMPT_COLUMNS, '$1', 'v')}
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;

// The body is immutable; only `created_at` may move earlier, so any replay order ends the same.
const UPSERT_PAYLOADS = `INSERT INTO audit.payload AS p (${columnList(PAYLOAD_COLUMNS)})
  SELECT ${columnList(PAYLOAD_COLUMNS, 'v')} FROM ${jsonbRecordset(PAYLOAD_COLUMNS, '$1', 'v')}
  ON CONFLICT (event_id) DO UPDATE SET created_at = EXCLUDED.created_at
  WHERE EXCLUDED.created_at < p.created_at`;

// Adding the new attempts (rather than counting the table) keeps the count right when another
// transaction adds attempts of the same delivery, and spares an index lookup per row.
const UPSERT_DELIVERIES = `INSERT INTO audit.delivery AS d (${columnList(DELIVERY_COLUMNS)})
  SELECT ${columnList(DELIVERY_COLUMNS, 'v')} FROM ${jsonbRecordset(DELIVERY_COLUMNS, '$1', 'v')}
  ON CONFLICT (id) DO UPDATE SET
    ${LATEST_ATTEMPT_COLUMNS.map(
      (column) => `${column} = CASE WHEN ${INCOMING_IS_LATER} THEN EXCLUDED.${column} ELSE d.${column} END`,
    ).join(',\n    ')},
    attempt_count = d.attempt_count + EXCLUDED.attempt_count,
    created_at = LEAST(d.created_at, EXCLUDED.created_at),
    updated_at = GREATEST(d.updated_at, EXCLUDED.updated_at)`;

const ADD_STATS = `INSERT INTO audit.stats_hourly AS s (${columnList(STATS_COLUMNS)})
  SELECT ${columnList(STATS_COLUMNS, 'v')} FROM ${jsonbRecordset(STATS_COLUMNS, '$1', 'v')}
  ON CONFLICT (organization_id, bucket_start, webhook_id, event_type) DO UPDATE SET
    ${COUNTER_COLUMNS.map((column) => `${column} = s.${column} + EXCLUDED.${column}`).join(',\n    ')},
    latency_max_ms = GREATEST(s.latency_max_ms, EXCLUDED.latency_max_ms),
    latency_histogram = audit.histogram_add(s.latency_histogram, EXCLUDED.latency_histogram)`;

/**
 * Each batch travels as one jsonb parameter per statement (see `jsonbRecordset`), storing the
 * same rows as one parameter per column did, but for what Postgres cannot store (see
 * `toStorableJson`). Rows go in key order, see `compareIds`.
 */
class SqlProjectionWriter implements ProjectionWriter {
  constructor(private readonly manager: EntityManager) {}

  async insertAttempts(rows: AttemptRow[]): Promise<Set<string>> {
    if (rows.length === 0) {
      return new Set();
    }
    const sorted = [...rows].sort((a, b) => compareIds(a.id, b.id));
    const inserted: Array<{ id: string }> = await this.manager.query(INSERT_ATTEMPTS, [
      toStorableJson(sorted.map(attemptRecord)),
    ]);
    return new Set(inserted.map((row) => row.id));
  }

  async upsertPayloads(rows: PayloadRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const sorted = [...rows].sort((a, b) => compareIds(a.eventId, b.eventId));
    await this.manager.query(UPSERT_PAYLOADS, [toStorableJson(sorted.map(payloadRecord))]);
  }

  async upsertDeliveries(rows: DeliveryRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const sorted = [...rows].sort((a, b) => compareIds(a.id, b.id));
    await this.manager.query(UPSERT_DELIVERIES, [toStorableJson(sorted.map(deliveryRecord))]);
  }

  async addStats(rows: StatsIncrement[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const sorted = [...rows].sort((a, b) => compareIds(STATS_KEY(a), STATS_KEY(b)));
    await this.manager.query(ADD_STATS, [toStorableJson(sorted.map(statsRecord))]);
  }
}

const STATS_KEY = (row: StatsIncrement) =>
  [row.organizationId, row.bucketStart, row.webhookId, row.eventType].join('\u0000');

/**
 * Every statement writes its rows in key order, and every batch writes the tables in the same
 * order (attempts, payloads, deliveries, rollups): concurrent batches lock shared rows in one
 * order, so they wait for each other but never deadlock.
 */
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
