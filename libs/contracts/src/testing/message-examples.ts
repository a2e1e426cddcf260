import type { AttemptEvent, DeliveredPayload, DeliveryRef } from '../attempt-event';
import type { WebhookState } from '../webhook-state';

/** The one instant every example happened at. */
export const EXAMPLE_AT = '2026-11-22T10:00:00.000Z';

/** The `job.created` event `evt_1` as its deliveries carry it. */
export const EXAMPLE_PAYLOAD: DeliveredPayload = {
  id: 'evt_1',
  type: 'job.created',
  timestamp: EXAMPLE_AT,
  data: { jobId: 'job_1' },
};

/** The delivery of `evt_1` to `wh_1`, as every message of the attempts topic names it. */
export const EXAMPLE_DELIVERY_REF: DeliveryRef = {
  deliveryId: 'dlv_1',
  eventId: 'evt_1',
  eventType: 'job.created',
  organizationId: 'org_1',
  webhookId: 'wh_1',
  subject: 'job_1',
  url: 'https://example.com/hooks',
};

/** A valid attempt event: the first attempt of the example delivery, answered 200; override what a test is about. */
export function anExampleAttemptEvent(overrides: Partial<AttemptEvent> = {}): AttemptEvent {
  return {
    ...EXAMPLE_DELIVERY_REF,
    attemptId: 'att_1',
    attempt: 1,
    startedAt: EXAMPLE_AT,
    durationMs: 12,
    requestHeaders: { 'content-type': 'application/json' },
    responseStatus: 200,
    responseHeaders: { 'content-type': 'text/plain' },
    responseBody: 'ok',
    responseBodyTruncated: false,
    outcome: 'success',
    error: null,
    deliveryStatus: 'succeeded',
    nextAttemptAt: null,
    eventOccurredAt: EXAMPLE_AT,
    payload: EXAMPLE_PAYLOAD,
    ...overrides,
  };
}

/** A valid webhook state: the active webhook `wh_1` for `job.*`, every optional setting off; override the rest. */
export function anExampleWebhookState(overrides: Partial<WebhookState> = {}): WebhookState {
  return {
    id: 'wh_1',
    organizationId: 'org_1',
    url: 'https://example.com/hooks',
    events: ['job.*'],
    filter: null,
    active: true,
    auth: { type: 'none' },
    encryptedHeaders: {},
    retryPolicy: { preset: 'standard' },
    timeoutSeconds: 15,
    signatureScheme: { type: 'standard-webhooks' },
    secrets: [{ encrypted: 'v1.sealed', expiresAt: null }],
    tls: null,
    ordered: false,
    rateLimitPerSecond: null,
    maxConcurrency: null,
    version: 3,
    updatedAt: EXAMPLE_AT,
    ...overrides,
  };
}
