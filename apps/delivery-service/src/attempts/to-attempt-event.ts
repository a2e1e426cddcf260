import type { AttemptEvent, DeliveryStatus } from '@hookline/contracts';
import type { AttemptInput, AttemptResult } from './attempt-delivery';
import { deliveryRefOf } from './delivery-ref-of';

/** What the caller decided after the attempt. */
export interface AttemptVerdict {
  deliveryStatus: DeliveryStatus;
  nextAttemptAt: Date | null;
}

/** The `hookline.attempts.v1` record of one attempt. */
export function toAttemptEvent(
  input: AttemptInput,
  result: AttemptResult,
  verdict: AttemptVerdict,
): AttemptEvent {
  return {
    attemptId: result.attemptId,
    ...deliveryRefOf(input),
    attempt: input.attempt,
    startedAt: result.startedAt.toISOString(),
    durationMs: result.durationMs,
    requestHeaders: result.requestHeaders,
    responseStatus: result.responseStatus,
    responseHeaders: result.responseHeaders,
    responseBody: result.responseBody,
    responseBodyTruncated: result.responseBodyTruncated,
    outcome: result.outcome,
    error: result.error,
    deliveryStatus: verdict.deliveryStatus,
    nextAttemptAt: verdict.nextAttemptAt?.toISOString() ?? null,
    eventOccurredAt: input.event.occurredAt,
    payload: input.payload.payload,
  };
}
