import type { DeliveryRef } from './attempt-event';

/**
 * A value of `hookline.attempts.v1` (key = delivery id, like the attempt's own record) written and
 * acknowledged before an attempt's request goes out. The attempt's outcome (`attempt.v1`, same
 * `attemptId`) follows on the same partition; when it never does, because delivery-service stopped
 * during the request, the delivery log records the attempt as `interrupted`. So every request a
 * receiver sees is in the log exactly once, whatever crashes.
 */
export interface AttemptStart extends DeliveryRef {
  attemptId: string;
  /** 1 for the first attempt of the delivery. */
  attempt: number;
  startedAt: string;
  /** Request headers as they are sent, with credentials and signatures redacted. */
  requestHeaders: Record<string, string>;
  eventOccurredAt: string;
}

export const ATTEMPT_START_SCHEMA = 'attempt-start.v1';
