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

export function toAttemptRow(event: AttemptEventDto): AttemptRow {
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
    requestHeaders: event.requestHeaders,
    responseStatus: event.responseStatus,
    responseHeaders: event.responseHeaders,
    responseBody: event.responseBody,
    responseBodyTruncated: event.responseBodyTruncated,
    outcome: event.outcome,
    error: event.error,
    nextAttemptAt: event.nextAttemptAt === null ? null : toInstant(event.nextAttemptAt),
  };
}

/** The delivery as a set of its attempts leaves it; the repository merges it with the stored row. */
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
