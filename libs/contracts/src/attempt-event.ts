/** Where an attempt ended; one class per failure a receiver's operator can act on. */
export const ATTEMPT_OUTCOMES = [
  'success',
  'http_3xx',
  'http_4xx',
  'http_5xx',
  'timeout',
  'dns',
  'tls',
  'connection_refused',
  'connection_reset',
  'network',
  'blocked',
  'expired',
  /** No request was sent: the webhook's OAuth2 token endpoint gave no usable access token. */
  'auth_failed',
  /**
   * The request was started (its `attempt-start.v1` record was written) but no outcome was ever
   * recorded: delivery-service stopped during it. The receiver may or may not have got it; the
   * attempt is made again under a new attempt id.
   */
  'interrupted',
] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** Status of a delivery after an attempt. */
export const DELIVERY_STATUSES = ['pending', 'succeeded', 'retrying', 'failed', 'expired'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The payload as the receiver got it (Standard Webhooks body). */
export interface DeliveredPayload {
  id: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** What every message of `hookline.attempts.v1` says of the delivery it belongs to. */
export interface DeliveryRef {
  deliveryId: string;
  eventId: string;
  eventType: string;
  organizationId: string;
  webhookId: string;
  subject: string;
  /** The URL the attempt calls (or the held one would). */
  url: string;
}

/** What one HTTP attempt sent and got back, as delivery-service measured it and the log keeps it. */
export interface AttemptExchange {
  durationMs: number;
  /** Request headers as sent, with credentials and signatures redacted. */
  requestHeaders: Record<string, string>;
  responseStatus: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  responseBodyTruncated: boolean;
  outcome: AttemptOutcome;
  error: string | null;
}

/**
 * The value of `hookline.attempts.v1` (key = delivery id): one per HTTP attempt.
 * `attemptId` is unique per real attempt; consumers deduplicate by it.
 */
export interface AttemptEvent extends DeliveryRef, AttemptExchange {
  attemptId: string;
  /** 1 for the first attempt of the delivery. */
  attempt: number;
  startedAt: string;
  /** The delivery's status after this attempt. */
  deliveryStatus: DeliveryStatus;
  nextAttemptAt: string | null;
  eventOccurredAt: string;
  payload: DeliveredPayload;
  /** The backfill that replayed the event, or null for a live delivery. Absent from older producers: null. */
  backfillId?: string | null;
}

export const ATTEMPT_EVENT_SCHEMA = 'attempt.v1';
export const RESPONSE_BODY_LIMIT_BYTES = 64 * 1024;
