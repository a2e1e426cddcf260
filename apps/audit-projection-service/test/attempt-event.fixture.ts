import { deliveryIdFor, newId, type AttemptEvent } from '@hookline/contracts';

export interface AttemptFixtureOptions {
  organizationId?: string;
  webhookId?: string;
  eventId?: string;
  eventType?: string;
}

/** A valid attempt event (a first attempt answered 200); override what the test is about. */
export function anAttemptEvent(overrides: Partial<AttemptEvent> = {}): AttemptEvent {
  const eventId = overrides.eventId ?? newId('evt');
  const webhookId = overrides.webhookId ?? newId('wh');
  const eventType = overrides.eventType ?? 'job.created';
  const occurredAt = '2026-11-22T10:00:00.000Z';
  return {
    attemptId: newId('att'),
    deliveryId: deliveryIdFor(eventId, webhookId),
    eventId,
    eventType,
    organizationId: 'org_fixture',
    webhookId,
    subject: 'job_123',
    url: 'https://example.com/hooks',
    attempt: 1,
    startedAt: '2026-11-22T10:00:01.000Z',
    durationMs: 120,
    requestHeaders: { 'content-type': 'application/json', 'webhook-id': eventId },
    responseStatus: 200,
    responseHeaders: { 'content-type': 'text/plain' },
    responseBody: 'ok',
    responseBodyTruncated: false,
    outcome: 'success',
    error: null,
    deliveryStatus: 'succeeded',
    nextAttemptAt: null,
    eventOccurredAt: occurredAt,
    payload: { id: eventId, type: eventType, timestamp: occurredAt, data: { jobId: 'job_123' } },
    ...overrides,
  };
}

/** A failed attempt followed by a successful retry of the same delivery. */
export function aRetriedDelivery(base: Partial<AttemptEvent> = {}): [AttemptEvent, AttemptEvent] {
  const first = anAttemptEvent({
    ...base,
    attempt: 1,
    startedAt: '2026-11-22T10:00:01.000Z',
    durationMs: 250,
    responseStatus: 500,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: '{"error":"boom"}',
    outcome: 'http_5xx',
    deliveryStatus: 'retrying',
    nextAttemptAt: '2026-11-22T10:05:01.250Z',
  });
  const second = anAttemptEvent({
    ...base,
    eventId: first.eventId,
    webhookId: first.webhookId,
    deliveryId: first.deliveryId,
    payload: first.payload,
    attempt: 2,
    startedAt: '2026-11-22T10:05:01.300Z',
    durationMs: 80,
  });
  return [first, second];
}
