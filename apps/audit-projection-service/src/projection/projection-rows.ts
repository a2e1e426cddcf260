import { RESPONSE_BODY_LIMIT_BYTES, type AttemptStart, type DeliveryHeld } from '@hookline/contracts';
import { redactHeaders } from '@hookline/security';
import { truncateUtf8 } from '../common/truncate-utf8';
import type { DeliveredPayload } from '@hookline/contracts';
import { latestAttempt } from './latest-attempt';
import { INTERRUPTED_ERROR, type ProjectedAttempt } from './projected-attempt';
import type { DeliveryRow } from './projection-records';
import type { AttemptRow, AttemptStartRow, HoldRow, PayloadRow } from './projection.repository';

export type WithPayload<T extends { payload: DeliveredPayload | null }> = T & { payload: DeliveredPayload };

export function hasPayload<T extends { payload: DeliveredPayload | null }>(
  value: T,
): value is WithPayload<T> {
  return value.payload !== null;
}

/** Timestamps are stored at millisecond precision so cursors built from them round-trip exactly. */
function toInstant(value: string): string {
  return new Date(value).toISOString();
}

function finishedAt(event: ProjectedAttempt): number {
  return Date.parse(event.startedAt) + event.durationMs;
}

/**
 * Delivery already redacts credentials and caps bodies; this applies both again so a producer
 * bug can never put a secret or an unbounded body into the log.
 */
export function toAttemptRow(event: ProjectedAttempt): AttemptRow {
  const body =
    event.responseBody === null ? null : truncateUtf8(event.responseBody, RESPONSE_BODY_LIMIT_BYTES);
  return {
    id: event.attemptId,
    deliveryId: event.deliveryId,
    organizationId: event.organizationId,
    webhookId: event.webhookId,
    eventType: event.eventType,
    url: event.url,
    attemptNumber: event.attempt,
    startedAt: toInstant(event.startedAt),
    durationMs: event.durationMs,
    requestHeaders: redactHeaders(event.requestHeaders),
    responseStatus: event.responseStatus,
    responseHeaders: event.responseHeaders === null ? null : redactHeaders(event.responseHeaders),
    responseBody: body?.text ?? null,
    responseBodyTruncated: event.responseBodyTruncated || (body?.truncated ?? false),
    outcome: event.outcome,
    error: event.error,
    nextAttemptAt: event.nextAttemptAt === null ? null : toInstant(event.nextAttemptAt),
  };
}

/**
 * The delivery as a set of its attempts, each new to the log, leaves it; the repository merges it
 * with the stored row.
 */
export function toDeliveryRow(attempts: readonly [ProjectedAttempt, ...ProjectedAttempt[]]): DeliveryRow {
  const latest = latestAttempt(attempts);
  const firstStart = Math.min(...attempts.map((attempt) => Date.parse(attempt.startedAt)));
  const lastFinish = Math.max(...attempts.map(finishedAt));
  return {
    id: latest.deliveryId,
    organizationId: latest.organizationId,
    webhookId: latest.webhookId,
    eventId: latest.eventId,
    eventType: latest.eventType,
    subject: latest.subject,
    url: latest.url,
    status: latest.deliveryStatus,
    lastAttemptId: latest.attemptId,
    lastAttemptNumber: latest.attempt,
    lastResponseStatus: latest.responseStatus,
    lastOutcome: latest.outcome,
    lastAttemptAt: toInstant(latest.startedAt),
    nextAttemptAt: latest.nextAttemptAt === null ? null : toInstant(latest.nextAttemptAt),
    eventOccurredAt: toInstant(latest.eventOccurredAt),
    createdAt: new Date(firstStart).toISOString(),
    updatedAt: new Date(lastFinish).toISOString(),
    newAttempts: attempts.length,
    backfillId: attempts.find((attempt) => attempt.backfillId)?.backfillId ?? null,
  };
}

/** The body of the event the attempts (each with a payload) deliver. */
export function toPayloadRow(
  attempts: readonly [WithPayload<ProjectedAttempt>, ...Array<WithPayload<ProjectedAttempt>>],
): PayloadRow {
  const [first] = attempts;
  const firstStart = Math.min(...attempts.map((attempt) => Date.parse(attempt.startedAt)));
  return {
    eventId: first.eventId,
    organizationId: first.organizationId,
    eventType: first.eventType,
    body: first.payload,
    occurredAt: toInstant(first.eventOccurredAt),
    createdAt: new Date(firstStart).toISOString(),
  };
}

export function toAttemptStartRow(
  start: AttemptStart,
  partition: number,
  timestampMs: number,
): AttemptStartRow {
  return {
    id: start.attemptId,
    deliveryId: start.deliveryId,
    organizationId: start.organizationId,
    webhookId: start.webhookId,
    eventId: start.eventId,
    eventType: start.eventType,
    subject: start.subject,
    url: start.url,
    attemptNumber: start.attempt,
    startedAt: toInstant(start.startedAt),
    requestHeaders: redactHeaders(start.requestHeaders),
    eventOccurredAt: toInstant(start.eventOccurredAt),
    kafkaPartition: partition,
    kafkaTimestamp: new Date(timestampMs).toISOString(),
  };
}

/** The attempt a start stands for when its outcome never came. */
export function interruptedAttempt(start: AttemptStartRow): ProjectedAttempt {
  return {
    attemptId: start.id,
    deliveryId: start.deliveryId,
    eventId: start.eventId,
    eventType: start.eventType,
    organizationId: start.organizationId,
    webhookId: start.webhookId,
    subject: start.subject,
    url: start.url,
    attempt: start.attemptNumber,
    startedAt: start.startedAt,
    durationMs: 0,
    requestHeaders: start.requestHeaders,
    responseStatus: null,
    responseHeaders: null,
    responseBody: null,
    responseBodyTruncated: false,
    outcome: 'interrupted',
    error: INTERRUPTED_ERROR,
    // Made again under a new id; until that attempt is in the log, the delivery is not done.
    deliveryStatus: start.attemptNumber === 1 ? 'pending' : 'retrying',
    nextAttemptAt: null,
    eventOccurredAt: start.eventOccurredAt,
    payload: null,
  };
}

export function toHoldRow(held: DeliveryHeld): HoldRow {
  return {
    deliveryId: held.deliveryId,
    organizationId: held.organizationId,
    webhookId: held.webhookId,
    eventId: held.eventId,
    eventType: held.eventType,
    subject: held.subject,
    url: held.url,
    heldAttempt: held.attempt,
    heldAt: toInstant(held.heldAt),
    reason: held.reason,
    nextAttemptAt: toInstant(held.nextAttemptAt),
    eventOccurredAt: toInstant(held.eventOccurredAt),
  };
}

/** A held delivery's event body, so the log can show it before any attempt. */
export function holdPayloadRow(held: DeliveryHeld): PayloadRow {
  return {
    eventId: held.eventId,
    organizationId: held.organizationId,
    eventType: held.eventType,
    body: held.payload,
    occurredAt: toInstant(held.eventOccurredAt),
    createdAt: toInstant(held.heldAt),
  };
}
