import { RESPONSE_BODY_LIMIT_BYTES } from '@hookline/contracts';
import { redactHeaders } from '@hookline/security';
import { truncateUtf8 } from '../common/truncate-utf8';
import type { AttemptEventDto } from './dto/attempt-event.dto';
import { latestAttempt } from './latest-attempt';
import type { AttemptRow, DeliveryRow, PayloadRow } from './projection.repository';

/** Timestamps are stored at millisecond precision so cursors built from them round-trip exactly. */
function toInstant(value: string): string {
  return new Date(value).toISOString();
}

function finishedAt(event: AttemptEventDto): number {
  return Date.parse(event.startedAt) + event.durationMs;
}

/**
 * Delivery already redacts credentials and caps bodies; this applies both again so a producer
 * bug can never put a secret or an unbounded body into the log.
 */
export function toAttemptRow(event: AttemptEventDto): AttemptRow {
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
export function toDeliveryRow(attempts: readonly [AttemptEventDto, ...AttemptEventDto[]]): DeliveryRow {
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
  };
}

export function toPayloadRow(attempts: readonly [AttemptEventDto, ...AttemptEventDto[]]): PayloadRow {
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
