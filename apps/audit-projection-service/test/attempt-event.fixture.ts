import {
  deliveryIdFor,
  newId,
  validateAttemptEvent,
  type AttemptEvent,
  type AttemptStart,
  type DeliveryHeld,
  type DeliveryRef,
} from '@hookline/contracts';
import { anExampleAttemptEvent } from '@hookline/contracts/testing';
import type { AttemptDto } from '../src/deliveries/dto/attempt.dto';

/** Unit tests pin time here; integration tests pass a recent instant (retention is relative to now). */
export const FIXTURE_OCCURRED_AT = '2026-11-22T10:00:00.000Z';

const plus = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();

/** The start of the current UTC hour minus `hours`: recent enough for every retention window. */
export function hoursAgo(hours: number): string {
  const hour = 3_600_000;
  return new Date(Math.floor(Date.now() / hour) * hour - hours * hour).toISOString();
}

/**
 * A valid attempt event (a first attempt answered 200, 1 s after the event occurred at
 * `occurredAt`); override what the test is about.
 */
export function anAttemptEvent(
  overrides: Partial<AttemptEvent> = {},
  occurredAt: string = FIXTURE_OCCURRED_AT,
): AttemptEvent {
  const eventId = overrides.eventId ?? newId('evt');
  const webhookId = overrides.webhookId ?? newId('wh');
  const eventType = overrides.eventType ?? 'job.created';
  // The contracts' example attempt (answered 200) of a new event to a new webhook of the fixture organization.
  return anExampleAttemptEvent({
    attemptId: newId('att'),
    deliveryId: deliveryIdFor(eventId, webhookId),
    eventId,
    eventType,
    organizationId: 'org_fixture',
    webhookId,
    subject: 'job_123',
    startedAt: plus(occurredAt, 1_000),
    durationMs: 120,
    requestHeaders: { 'content-type': 'application/json', 'webhook-id': eventId },
    eventOccurredAt: occurredAt,
    payload: { id: eventId, type: eventType, timestamp: occurredAt, data: { jobId: 'job_123' } },
    ...overrides,
  });
}

/** What an attempt that got no response in time carries, its retry due at `nextAttemptAt`. */
export function timedOut(nextAttemptAt: string): Partial<AttemptEvent> {
  return {
    responseStatus: null,
    responseHeaders: null,
    responseBody: null,
    outcome: 'timeout',
    error: 'no response within 15s',
    deliveryStatus: 'retrying',
    nextAttemptAt,
  };
}

/** A failed attempt followed by a successful retry of the same delivery, 5 minutes later. */
export function aRetriedDelivery(
  base: Partial<AttemptEvent> = {},
  occurredAt: string = FIXTURE_OCCURRED_AT,
): [AttemptEvent, AttemptEvent] {
  const first = anAttemptEvent(
    {
      ...base,
      attempt: 1,
      startedAt: plus(occurredAt, 1_000),
      durationMs: 250,
      responseStatus: 500,
      responseHeaders: { 'content-type': 'application/json' },
      responseBody: '{"error":"boom"}',
      outcome: 'http_5xx',
      deliveryStatus: 'retrying',
      nextAttemptAt: plus(occurredAt, 301_250),
    },
    occurredAt,
  );
  const second = anAttemptEvent(
    {
      ...base,
      eventId: first.eventId,
      webhookId: first.webhookId,
      deliveryId: first.deliveryId,
      payload: first.payload,
      attempt: 2,
      startedAt: plus(occurredAt, 301_300),
      durationMs: 80,
    },
    occurredAt,
  );
  return [first, second];
}

/** Every attempt of a delivery that keeps failing with 503 until its retries run out. */
export function anExhaustedDelivery(
  base: Partial<AttemptEvent> = {},
  occurredAt: string = FIXTURE_OCCURRED_AT,
  attempts = 3,
): AttemptEvent[] {
  const first = anAttemptEvent(base, occurredAt);
  return Array.from({ length: attempts }, (_, index) => {
    const isLast = index === attempts - 1;
    const startedAt = plus(occurredAt, 1_000 + index * 300_000);
    return anAttemptEvent(
      {
        ...base,
        eventId: first.eventId,
        webhookId: first.webhookId,
        deliveryId: first.deliveryId,
        payload: first.payload,
        attempt: index + 1,
        startedAt,
        durationMs: 40 + index * 10,
        responseStatus: 503,
        responseHeaders: { 'retry-after': '300' },
        responseBody: 'busy',
        outcome: 'http_5xx',
        deliveryStatus: isLast ? 'failed' : 'retrying',
        nextAttemptAt: isLast ? null : plus(startedAt, 300_000),
      },
      occurredAt,
    );
  });
}

/** The fields of `value` that `keys` name. */
function pick<T, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;
}

/** The fields that name a delivery, as every message of the attempts topic carries them. */
const DELIVERY_REF = [
  'deliveryId',
  'eventId',
  'eventType',
  'organizationId',
  'webhookId',
  'subject',
  'url',
] as const satisfies ReadonlyArray<keyof DeliveryRef>;

/** The delivery `event` belongs to, as every message of the attempts topic names it. */
function deliveryRefOf(event: AttemptEvent): DeliveryRef {
  return pick(event, DELIVERY_REF);
}

/** The start that came before `event`'s outcome, as delivery-service writes it. */
export function anAttemptStart(event: AttemptEvent): AttemptStart {
  return {
    attemptId: event.attemptId,
    ...deliveryRefOf(event),
    attempt: event.attempt,
    startedAt: event.startedAt,
    requestHeaders: event.requestHeaders,
    eventOccurredAt: event.eventOccurredAt,
  };
}

/** `event`'s delivery held by an open breaker before the attempt `event` is, due a minute later. */
export function aDeliveryHeld(event: AttemptEvent, overrides: Partial<DeliveryHeld> = {}): DeliveryHeld {
  return {
    ...deliveryRefOf(event),
    attempt: event.attempt,
    heldAt: plus(event.startedAt, -60_000),
    reason: 'circuit_open',
    nextAttemptAt: event.startedAt,
    eventOccurredAt: event.eventOccurredAt,
    payload: event.payload,
    ...overrides,
  };
}

/** `value` as the attempts consumer accepts it; throws with the reason when it would refuse it. */
export function validAttempt(value: unknown): AttemptEvent {
  const parsed = validateAttemptEvent(value);
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return parsed.value;
}

/** The fields of an attempt the delivery API shows as the attempt event carried them. */
const SHOWN_AS_SENT = [
  'attempt',
  'startedAt',
  'durationMs',
  'responseStatus',
  'responseHeaders',
  'responseBody',
  'responseBodyTruncated',
  'outcome',
  'error',
  'nextAttemptAt',
  'requestHeaders',
] as const satisfies ReadonlyArray<keyof AttemptEvent & keyof AttemptDto>;

/** `event` as the delivery API shows its attempt, for an event with nothing to truncate or redact. */
export function asShownAttempt(event: AttemptEvent): AttemptDto {
  return {
    id: event.attemptId,
    ...pick(event, SHOWN_AS_SENT),
  };
}
