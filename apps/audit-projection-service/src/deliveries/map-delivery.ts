import type { AttemptEntity } from './attempt.entity';
import type { DeliveryEntity } from './delivery.entity';
import type { AttemptDto } from './dto/attempt.dto';
import type { DeliveryDetailDto } from './dto/delivery-detail.dto';
import type { DeliverySummaryDto } from './dto/delivery-summary.dto';
import type { PayloadEntity } from './payload.entity';

export function toDeliverySummaryDto(delivery: DeliveryEntity): DeliverySummaryDto {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    url: delivery.url,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    lastResponseStatus: delivery.lastResponseStatus,
    heldReason: delivery.heldReason,
    backfillId: delivery.backfillId,
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
  };
}

export function toAttemptDto(attempt: AttemptEntity): AttemptDto {
  return {
    id: attempt.id,
    attempt: attempt.attemptNumber,
    startedAt: attempt.startedAt.toISOString(),
    durationMs: attempt.durationMs,
    responseStatus: attempt.responseStatus,
    responseHeaders: attempt.responseHeaders,
    responseBody: attempt.responseBody,
    responseBodyTruncated: attempt.responseBodyTruncated,
    outcome: attempt.outcome,
    error: attempt.error,
    nextAttemptAt: attempt.nextAttemptAt?.toISOString() ?? null,
    requestHeaders: attempt.requestHeaders,
  };
}

export function toDeliveryDetailDto(
  delivery: DeliveryEntity,
  attempts: readonly AttemptEntity[],
  payload: PayloadEntity | null,
): DeliveryDetailDto {
  return {
    ...toDeliverySummaryDto(delivery),
    webhookId: delivery.webhookId,
    subject: delivery.subject,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    payload: payload === null ? null : { ...payload.body },
    attempts: attempts.map(toAttemptDto),
  };
}
