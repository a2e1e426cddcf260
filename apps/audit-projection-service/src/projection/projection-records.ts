import { ATTEMPT_OUTCOMES } from '@hookline/contracts';
import type { ColumnTypes, RecordOf } from '../common/jsonb-recordset';
import { COUNTER_COLUMNS } from '../stats/stats-columns';
import type { AttemptRow, AttemptStartRow, DeliveryRow, HoldRow, PayloadRow } from './projection.repository';
import type { StatsIncrement } from './stats-rows';

// A batch travels as one jsonb array of records per statement (see `jsonbRecordset`): each record
// is keyed by column name, and each `*_COLUMNS` map gives the SQL type of every column.

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
  organization_id: 'text',
  webhook_id: 'text',
  event_id: 'text',
  event_type: 'text',
  subject: 'text',
  url: 'text',
  attempt_number: 'int',
  started_at: 'timestamptz',
  request_headers: 'jsonb',
  event_occurred_at: 'timestamptz',
  kafka_partition: 'int',
  kafka_timestamp: 'timestamptz',
} as const;

export const HOLD_COLUMNS = {
  delivery_id: 'text',
  organization_id: 'text',
  webhook_id: 'text',
  event_id: 'text',
  event_type: 'text',
  subject: 'text',
  url: 'text',
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
  organization_id: 'text',
  webhook_id: 'text',
  event_id: 'text',
  event_type: 'text',
  subject: 'text',
  url: 'text',
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

export function attemptRecord(row: AttemptRow): RecordOf<typeof ATTEMPT_COLUMNS> {
  return {
    id: row.id,
    delivery_id: row.deliveryId,
    organization_id: row.organizationId,
    webhook_id: row.webhookId,
    event_type: row.eventType,
    url: row.url,
    attempt_number: row.attemptNumber,
    started_at: row.startedAt,
    duration_ms: row.durationMs,
    request_headers: row.requestHeaders,
    response_status: row.responseStatus,
    response_headers: row.responseHeaders,
    response_body: row.responseBody,
    response_body_truncated: row.responseBodyTruncated,
    outcome: row.outcome,
    error: row.error,
    next_attempt_at: row.nextAttemptAt,
  };
}

export function attemptStartRecord(row: AttemptStartRow): RecordOf<typeof ATTEMPT_START_COLUMNS> {
  return {
    id: row.id,
    delivery_id: row.deliveryId,
    organization_id: row.organizationId,
    webhook_id: row.webhookId,
    event_id: row.eventId,
    event_type: row.eventType,
    subject: row.subject,
    url: row.url,
    attempt_number: row.attemptNumber,
    started_at: row.startedAt,
    request_headers: row.requestHeaders,
    event_occurred_at: row.eventOccurredAt,
    kafka_partition: row.kafkaPartition,
    kafka_timestamp: row.kafkaTimestamp,
  };
}

export function holdRecord(row: HoldRow): RecordOf<typeof HOLD_COLUMNS> {
  return {
    delivery_id: row.deliveryId,
    organization_id: row.organizationId,
    webhook_id: row.webhookId,
    event_id: row.eventId,
    event_type: row.eventType,
    subject: row.subject,
    url: row.url,
    held_attempt: row.heldAttempt,
    held_at: row.heldAt,
    reason: row.reason,
    next_attempt_at: row.nextAttemptAt,
    event_occurred_at: row.eventOccurredAt,
  };
}

export function payloadRecord(row: PayloadRow): RecordOf<typeof PAYLOAD_COLUMNS> {
  return {
    event_id: row.eventId,
    organization_id: row.organizationId,
    event_type: row.eventType,
    body: row.body,
    occurred_at: row.occurredAt,
    created_at: row.createdAt,
  };
}

export function deliveryRecord(row: DeliveryRow): RecordOf<typeof DELIVERY_COLUMNS> {
  return {
    id: row.id,
    organization_id: row.organizationId,
    webhook_id: row.webhookId,
    event_id: row.eventId,
    event_type: row.eventType,
    subject: row.subject,
    url: row.url,
    status: row.status,
    attempt_count: row.newAttempts,
    last_attempt_id: row.lastAttemptId,
    last_attempt_number: row.lastAttemptNumber,
    last_response_status: row.lastResponseStatus,
    last_outcome: row.lastOutcome,
    last_attempt_at: row.lastAttemptAt,
    next_attempt_at: row.nextAttemptAt,
    event_occurred_at: row.eventOccurredAt,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
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
