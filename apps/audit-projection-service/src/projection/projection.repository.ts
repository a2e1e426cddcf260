import { Injectable } from '@nestjs/common';
import type { AttemptExchange, DeliveredPayload, DeliveryRef } from '@hookline/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { columnList, jsonbRecordset } from '../common/jsonb-recordset';
import { toStorableJson } from '../common/storable-json';
import { COUNTER_COLUMNS } from '../stats/stats-columns';
import {
  ATTEMPT_COLUMNS,
  ATTEMPT_START_COLUMNS,
  DELIVERY_COLUMNS,
  HOLD_COLUMNS,
  PAYLOAD_COLUMNS,
  STATS_COLUMNS,
  attemptRecord,
  attemptStartRecord,
  deliveryRecord,
  holdRecord,
  payloadRecord,
  statsRecord,
  type DeliveryRow,
} from './projection-records';
import type { StatsIncrement } from './stats-rows';

/** Instants travel as ISO strings: the driver sends them to Postgres untouched. */
export interface AttemptRow extends AttemptExchange {
  id: string;
  deliveryId: string;
  organizationId: string;
  webhookId: string;
  eventType: string;
  url: string;
  attemptNumber: number;
  startedAt: string;
  nextAttemptAt: string | null;
}

/** An attempt started, not yet known to have ended. */
export interface AttemptStartRow extends DeliveryRef {
  id: string;
  attemptNumber: number;
  startedAt: string;
  requestHeaders: Record<string, string>;
  eventOccurredAt: string;
  kafkaPartition: number;
  kafkaTimestamp: string;
}

/** A delivery held back without an attempt (its next attempt is `heldAttempt`). */
export interface HoldRow extends DeliveryRef {
  heldAttempt: number;
  heldAt: string;
  reason: string;
  nextAttemptAt: string;
  eventOccurredAt: string;
}

export interface StoredAttempts {
  /** Not stored before. */
  inserted: Set<string>;
  /** Stored before as `interrupted`, now with the outcome that came after all. */
  replaced: Set<string>;
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
  /** Keeps starts whose attempt is not in the log yet. */
  insertStarts(rows: AttemptStartRow[]): Promise<void>;
  /**
   * Stores attempts not stored before, and replaces an `interrupted` one when its real outcome
   * comes after all; says which ids were which.
   */
  insertAttempts(rows: AttemptRow[]): Promise<StoredAttempts>;
  /** Forgets the starts of attempts whose outcome is stored. */
  deleteStarts(attemptIds: string[]): Promise<void>;
  upsertPayloads(rows: PayloadRow[]): Promise<void>;
  upsertDeliveries(rows: DeliveryRow[]): Promise<void>;
  /** Marks deliveries as waiting, unless the held attempt was already made. */
  applyHolds(rows: HoldRow[]): Promise<void>;
  /** Adds to the hourly rollups; called last, so their hot rows stay locked only until commit. */
  addStats(rows: StatsIncrement[]): Promise<void>;
  /** Records the newest message time projected on a partition of the attempts topic. */
  advanceWatermark(partition: number, timestamp: string): Promise<void>;
  /**
   * Takes (deletes and returns) up to `limit` starts whose outcome can no longer come: a later
   * attempt of the same delivery is stored, or the partition has moved `graceSeconds` past them.
   * Both are judged by the topic's own order and times, never by the clock here, so a projection
   * that lags or restarts does not take a start whose outcome is merely not read yet.
   */
  takeInterruptedStarts(graceSeconds: number, limit: number): Promise<AttemptStartRow[]>;
}

// Mirrors `isLaterAttempt`: ids compare bytewise so SQL and TypeScript agree on ties.
// Equal ranks are the same attempt: only an interrupted attempt replaced by its outcome gets here
// twice, and the outcome must win. A delivery without attempts yet (held) ranks below every one.
const INCOMING_IS_LATER = `(EXCLUDED.last_attempt_number, EXCLUDED.last_attempt_at, EXCLUDED.last_attempt_id COLLATE "C")
  >= (d.last_attempt_number, COALESCE(d.last_attempt_at, '-infinity'), COALESCE(d.last_attempt_id, '') COLLATE "C")`;

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

const REPLACEABLE_ATTEMPT_COLUMNS = Object.keys(ATTEMPT_COLUMNS).filter((column) => column !== 'id');

// `xmax` is set on a row version an update made: it tells a replaced row from an inserted one.
const INSERT_ATTEMPTS = `INSERT INTO audit.attempt AS a (${columnList(ATTEMPT_COLUMNS)})
  SELECT ${columnList(ATTEMPT_COLUMNS, 'v')} FROM ${jsonbRecordset(ATTEMPT_COLUMNS, '$1', 'v')}
  ON CONFLICT (id) DO UPDATE SET
    ${REPLACEABLE_ATTEMPT_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(',\n    ')}
  WHERE a.outcome = 'interrupted' AND EXCLUDED.outcome <> 'interrupted'
  RETURNING id, (xmax <> 0) AS replaced`;

const INSERT_STARTS = `INSERT INTO audit.attempt_start (${columnList(ATTEMPT_START_COLUMNS)})
  SELECT ${columnList(ATTEMPT_START_COLUMNS, 'v')} FROM ${jsonbRecordset(ATTEMPT_START_COLUMNS, '$1', 'v')}
  WHERE NOT EXISTS (SELECT 1 FROM audit.attempt a WHERE a.id = v.id)
  ON CONFLICT (id) DO NOTHING`;

const DELETE_STARTS = `DELETE FROM audit.attempt_start WHERE id = ANY($1::text[])`;

const ADVANCE_WATERMARK = `INSERT INTO audit.attempt_watermark AS w (kafka_partition, kafka_timestamp)
  VALUES ($1, $2)
  ON CONFLICT (kafka_partition) DO UPDATE SET kafka_timestamp = GREATEST(w.kafka_timestamp, EXCLUDED.kafka_timestamp)`;

// Skips what another replica's sweep holds; the delivery index serves the "later attempt" test.
const TAKE_INTERRUPTED_STARTS = `DELETE FROM audit.attempt_start s
  WHERE s.id IN (
    SELECT c.id FROM audit.attempt_start c
    LEFT JOIN audit.attempt_watermark w ON w.kafka_partition = c.kafka_partition
    WHERE w.kafka_timestamp > c.kafka_timestamp + $1 * interval '1 second'
      OR EXISTS (
        SELECT 1 FROM audit.attempt a
        WHERE a.delivery_id = c.delivery_id AND a.attempt_number >= c.attempt_number AND a.started_at > c.started_at
      )
    ORDER BY c.id
    LIMIT $2
    FOR UPDATE OF c SKIP LOCKED
  )
  RETURNING s.id, s.delivery_id AS "deliveryId", s.organization_id AS "organizationId",
    s.webhook_id AS "webhookId", s.event_id AS "eventId", s.event_type AS "eventType", s.subject, s.url,
    s.attempt_number AS "attemptNumber", s.started_at AS "startedAt", s.request_headers AS "requestHeaders",
    s.event_occurred_at AS "eventOccurredAt", s.kafka_partition AS "kafkaPartition",
    s.kafka_timestamp AS "kafkaTimestamp"`;

// A hold shows on a delivery only while the held attempt is still to come.
const APPLY_HOLDS = `INSERT INTO audit.delivery AS d (
    id, organization_id, webhook_id, event_id, event_type, subject, url, status, attempt_count,
    last_attempt_number, next_attempt_at, event_occurred_at, created_at, updated_at, held_reason)
  SELECT v.delivery_id, v.organization_id, v.webhook_id, v.event_id, v.event_type, v.subject, v.url,
    'retrying', 0, 0, v.next_attempt_at, v.event_occurred_at, v.held_at, v.held_at, v.reason
  FROM ${jsonbRecordset(HOLD_COLUMNS, '$1', 'v')}
  ON CONFLICT (id) DO UPDATE SET
    status = 'retrying',
    next_attempt_at = EXCLUDED.next_attempt_at,
    held_reason = EXCLUDED.held_reason,
    updated_at = GREATEST(d.updated_at, EXCLUDED.updated_at)
  WHERE d.last_attempt_number < (
    SELECT h.held_attempt FROM ${jsonbRecordset(HOLD_COLUMNS, '$1', 'h')} WHERE h.delivery_id = d.id LIMIT 1
  )`;

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
    held_reason = CASE WHEN ${INCOMING_IS_LATER} THEN NULL ELSE d.held_reason END,
    attempt_count = d.attempt_count + EXCLUDED.attempt_count,
    -- A delivery a backfill made stays marked, whatever attempt (a manual redelivery) follows.
    backfill_id = COALESCE(d.backfill_id, EXCLUDED.backfill_id),
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

  async insertStarts(rows: AttemptStartRow[]): Promise<void> {
    await this.writeInKeyOrder(INSERT_STARTS, rows, (row) => row.id, attemptStartRecord);
  }

  async insertAttempts(rows: AttemptRow[]): Promise<StoredAttempts> {
    const written = await this.writeInKeyOrder<AttemptRow, { id: string; replaced: boolean }>(
      INSERT_ATTEMPTS,
      rows,
      (row) => row.id,
      attemptRecord,
    );
    const stored: StoredAttempts = { inserted: new Set(), replaced: new Set() };
    for (const row of written) {
      (row.replaced ? stored.replaced : stored.inserted).add(row.id);
    }
    return stored;
  }

  async deleteStarts(attemptIds: string[]): Promise<void> {
    if (attemptIds.length === 0) {
      return;
    }
    await this.manager.query(DELETE_STARTS, [[...attemptIds].sort(compareIds)]);
  }

  async applyHolds(rows: HoldRow[]): Promise<void> {
    await this.writeInKeyOrder(APPLY_HOLDS, rows, (row) => row.deliveryId, holdRecord);
  }

  async advanceWatermark(partition: number, timestamp: string): Promise<void> {
    await this.manager.query(ADVANCE_WATERMARK, [partition, timestamp]);
  }

  async takeInterruptedStarts(graceSeconds: number, limit: number): Promise<AttemptStartRow[]> {
    const [rows]: [StartRecord[], number] = await this.manager.query(TAKE_INTERRUPTED_STARTS, [
      graceSeconds,
      limit,
    ]);
    return rows.map(fromStartRecord);
  }

  async upsertPayloads(rows: PayloadRow[]): Promise<void> {
    await this.writeInKeyOrder(UPSERT_PAYLOADS, rows, (row) => row.eventId, payloadRecord);
  }

  async upsertDeliveries(rows: DeliveryRow[]): Promise<void> {
    await this.writeInKeyOrder(UPSERT_DELIVERIES, rows, (row) => row.id, deliveryRecord);
  }

  async addStats(rows: StatsIncrement[]): Promise<void> {
    await this.writeInKeyOrder(ADD_STATS, rows, STATS_KEY, statsRecord);
  }

  /** Runs `sql` with `rows` as its one jsonb parameter, in key order; sends nothing for no rows. */
  private async writeInKeyOrder<Row, Written = unknown>(
    sql: string,
    rows: readonly Row[],
    keyOf: (row: Row) => string,
    toRecord: (row: Row) => object,
  ): Promise<Written[]> {
    if (rows.length === 0) {
      return [];
    }
    const sorted = [...rows].sort((a, b) => compareIds(keyOf(a), keyOf(b)));
    return this.manager.query(sql, [toStorableJson(sorted.map(toRecord))]);
  }
}

/** A start as TAKE_INTERRUPTED_STARTS returns it: its instants are still dates. */
type StartRecord = Omit<AttemptStartRow, StartInstant> & Record<StartInstant, Date>;
type StartInstant = 'startedAt' | 'eventOccurredAt' | 'kafkaTimestamp';

function fromStartRecord({
  startedAt,
  eventOccurredAt,
  kafkaTimestamp,
  ...start
}: StartRecord): AttemptStartRow {
  return {
    ...start,
    startedAt: startedAt.toISOString(),
    eventOccurredAt: eventOccurredAt.toISOString(),
    kafkaTimestamp: kafkaTimestamp.toISOString(),
  };
}

const STATS_KEY = (row: StatsIncrement) =>
  [row.organizationId, row.bucketStart, row.webhookId, row.eventType].join('\u0000');

/**
 * Every statement writes its rows in key order, and every batch writes the tables in the same
 * order (starts, attempts, payloads, deliveries, holds, rollups): concurrent batches lock shared rows in one
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
