import {
  ATTEMPT_OUTCOMES,
  type AttemptOutcome,
  type DeliveryRef,
  type DeliveryStatus,
} from '@hookline/contracts';
import { recordBuilder, type ColumnTypes, type RecordOf } from '../common/jsonb-recordset';
import { COUNTER_COLUMNS } from '../stats/stats-columns';
import type { StatsIncrement } from './stats-rows';

// A batch travels as one jsonb array of records per statement (see `jsonbRecordset`): each record
// is keyed by column name, and each `*_COLUMNS` map gives the SQL type of every column.

/** The delivery's own row: its id is `id`, not `deliveryId`. */
export interface DeliveryRow extends Omit<DeliveryRef, 'deliveryId'> {
  id: string;
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
  /** The backfill that replayed the event, when one of the attempts says so. */
  backfillId: string | null;
}

/** What names a delivery on every message of the attempts topic, but the delivery's id. */
const DELIVERY_REF_COLUMNS = {
  organization_id: 'text',
  webhook_id: 'text',
  event_id: 'text',
  event_type: 'text',
  subject: 'text',
  url: 'text',
} as const;

export const ATTEMPT_COLUMNS = {
  id: 'text',
  delivery_id: 'text',
  organization_id: 'text',
  webhook_id: 'text',
  event_type: 'text',
  url: 'text',
  attempt_number: 'int',
  started_at: 'timestamptz',
  duration_ms: 'int',
  request_headers: 'jsonb',
  response_status: 'int',
  response_headers: 'jsonb',
  response_body: 'text',
  response_body_truncated: 'boolean',
  outcome: 'text',
  error: 'text',
  next_attempt_at: 'timestamptz',
} as const;

export const ATTEMPT_START_COLUMNS = {
  id: 'text',
  delivery_id: 'text',
  ...DELIVERY_REF_COLUMNS,
  attempt_number: 'int',
  started_at: 'timestamptz',
  request_headers: 'jsonb',
  event_occurred_at: 'timestamptz',
  kafka_partition: 'int',
  kafka_timestamp: 'timestamptz',
} as const;

export const HOLD_COLUMNS = {
  delivery_id: 'text',
  ...DELIVERY_REF_COLUMNS,
  held_attempt: 'int',
  held_at: 'timestamptz',
  reason: 'text',
  next_attempt_at: 'timestamptz',
  event_occurred_at: 'timestamptz',
} as const;

export const PAYLOAD_COLUMNS = {
  event_id: 'text',
  organization_id: 'text',
  event_type: 'text',
  body: 'jsonb',
  occurred_at: 'timestamptz',
  created_at: 'timestamptz',
} as const;

export const DELIVERY_COLUMNS = {
  id: 'text',
  ...DELIVERY_REF_COLUMNS,
  status: 'text',
  attempt_count: 'int',
  last_attempt_id: 'text',
  last_attempt_number: 'int',
  last_response_status: 'int',
  last_outcome: 'text',
  last_attempt_at: 'timestamptz',
  next_attempt_at: 'timestamptz',
  event_occurred_at: 'timestamptz',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
  backfill_id: 'text',
} as const;

export const STATS_COLUMNS: ColumnTypes = {
  organization_id: 'text',
  bucket_start: 'timestamptz',
  webhook_id: 'text',
  event_type: 'text',
  ...Object.fromEntries(COUNTER_COLUMNS.map((column) => [column, 'bigint'])),
  latency_max_ms: 'int',
  latency_histogram: 'bigint[]',
};

export const attemptRecord = recordBuilder(ATTEMPT_COLUMNS);
export const attemptStartRecord = recordBuilder(ATTEMPT_START_COLUMNS);
export const holdRecord = recordBuilder(HOLD_COLUMNS);
export const payloadRecord = recordBuilder(PAYLOAD_COLUMNS);

const deliveryColumnsOf = recordBuilder(DELIVERY_COLUMNS);

/** `attempt_count` carries the attempts to add to the stored count, see `UPSERT_DELIVERIES`. */
export function deliveryRecord(row: DeliveryRow): RecordOf<typeof DELIVERY_COLUMNS> {
  return deliveryColumnsOf({ ...row, attemptCount: row.newAttempts });
}

export function statsRecord(row: StatsIncrement): RecordOf<typeof STATS_COLUMNS> {
  const counters = [
    row.attempts,
    ...ATTEMPT_OUTCOMES.map((outcome) => row.outcomes[outcome]),
    row.deliveriesStarted,
    row.deliveriesSucceeded,
    row.deliveriesFailed,
    row.deliveriesExpired,
    row.latencyCount,
    row.latencySumMs,
  ];
  return {
    organization_id: row.organizationId,
    bucket_start: row.bucketStart,
    webhook_id: row.webhookId,
    event_type: row.eventType,
    ...Object.fromEntries(COUNTER_COLUMNS.map((column, index) => [column, counters[index]])),
    latency_max_ms: row.latencyMaxMs,
    latency_histogram: row.latencyHistogram,
  };
}
