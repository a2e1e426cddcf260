import type { ApiKeyRecord } from '../api-key-record';
import type { AttemptEvent } from '../attempt-event';
import type { AttemptStart } from '../attempt-start';
import type { BackfillProgress, BackfillRequest } from '../backfill';
import type { DeliveryCommand } from '../delivery-command';
import { deliveryDefaultsKey, type DeliveryDefaults } from '../delivery-defaults';
import type { DeliveryHeld } from '../delivery-held';
import type { DeliveryTask } from '../delivery-task';
import type { EndpointSignal } from '../endpoint-signal';
import {
  validateEnvelope,
  validateEnvelopeShell,
  type EnvelopeValidation,
  type EventEnvelope,
} from '../envelope';
import { findFilterProblem } from '../webhook-filter';
import type { WebhookState } from '../webhook-state';
import { compileMessageValidator, type Validated } from './compile-validator';
import { MESSAGE_SCHEMAS, type MessageName } from './message-schemas';

const compiled = <T>(name: MessageName, what: string) =>
  compileMessageValidator<T>(MESSAGE_SCHEMAS, name, what);

const attemptEvent = compiled<AttemptEvent>('AttemptEvent', 'attempt event');
const attemptStart = compiled<AttemptStart>('AttemptStart', 'attempt start');
const deliveryHeld = compiled<DeliveryHeld>('DeliveryHeld', 'delivery hold');
const webhookState = compiled<WebhookState>('WebhookState', 'webhook state');
const deliveryTask = compiled<DeliveryTask>('DeliveryTask', 'delivery task');
const deliveryCommand = compiled<DeliveryCommand>('DeliveryCommand', 'delivery command');
const endpointSignal = compiled<EndpointSignal>('EndpointSignal', 'endpoint signal');
const apiKeyRecord = compiled<ApiKeyRecord>('ApiKeyRecord', 'API key record');
const backfillRequest = compiled<BackfillRequest>('BackfillRequest', 'backfill request');
const backfillProgress = compiled<BackfillProgress>('BackfillProgress', 'backfill progress');

const deliveryDefaults = compiled<DeliveryDefaults>('DeliveryDefaults', 'delivery defaults');

/** A `hookline.delivery-defaults.v1` value; it must be of the organization and type its `key` names. */
export function validateDeliveryDefaults(value: unknown, key: string): Validated<DeliveryDefaults> {
  const parsed = deliveryDefaults(value);
  if (parsed.ok && deliveryDefaultsKey(parsed.value.organizationId, parsed.value.eventType) !== key) {
    return {
      ok: false,
      reason: `invalid delivery defaults: organizationId:eventType must equal the key (${key})`,
    };
  }
  return parsed;
}

/** A `hookline.attempts.v1` value of schema `attempt.v1`. */
export function validateAttemptEvent(value: unknown): Validated<AttemptEvent> {
  return withPayloadOfItsEvent(attemptEvent(value), 'attempt event');
}

/** A `hookline.attempts.v1` value of schema `attempt-start.v1`. */
export function validateAttemptStart(value: unknown): Validated<AttemptStart> {
  return attemptStart(value);
}

/** A `hookline.attempts.v1` value of schema `delivery-held.v1`. */
export function validateDeliveryHeld(value: unknown): Validated<DeliveryHeld> {
  return withPayloadOfItsEvent(deliveryHeld(value), 'delivery hold');
}

/**
 * A `hookline.subscriptions.v1` value, with the defaults of the fields that states published
 * before them lack filled in.
 */
export function validateWebhookState(value: unknown): Validated<WebhookState> {
  const parsed = webhookState(value);
  if (!parsed.ok) {
    return parsed;
  }
  const state = parsed.value;
  if (state.encryptedHeaders === undefined && state.headers === undefined) {
    return { ok: false, reason: 'invalid webhook state: encryptedHeaders is required' };
  }
  if (state.tls && (state.tls.clientCertificate === null) !== (state.tls.encryptedPrivateKey === null)) {
    return {
      ok: false,
      reason: 'invalid webhook state: tls.clientCertificate and tls.encryptedPrivateKey come together',
    };
  }
  const filterProblem =
    state.filter === undefined || state.filter === null ? null : findFilterProblem(state.filter);
  if (filterProblem) {
    return { ok: false, reason: `invalid webhook state: ${filterProblem.path} ${filterProblem.message}` };
  }
  return {
    ok: true,
    value: {
      ...state,
      // Old states carry their headers in clear as `headers`, which consumers still honour.
      encryptedHeaders: state.encryptedHeaders ?? {},
      filter: state.filter ?? null,
      tls: state.tls ?? null,
      ordered: state.ordered ?? false,
      rateLimitPerSecond: state.rateLimitPerSecond ?? null,
      maxConcurrency: state.maxConcurrency ?? null,
    },
  };
}

/**
 * A retry-tier, ordered-lane or `hookline.deliveries.v1` value. Delivery wrote the task from an
 * event it had validated in full: the envelope is checked, its data not again.
 */
export function validateDeliveryTask(value: unknown): Validated<DeliveryTask> {
  const checked = withItsEvent(value, deliveryTask(value), 'delivery task', validateEnvelopeShell);
  return checked.ok
    ? { ok: true, value: { ...checked.value, failingSince: checked.value.failingSince ?? null } }
    : checked;
}

/** A `hookline.commands.v1` value; its event is validated in full, against the catalog. */
export function validateDeliveryCommand(value: unknown): Validated<DeliveryCommand> {
  return withItsEvent(
    value,
    deliveryCommand(value),
    'delivery command',
    validateEnvelope,
    (command, event) =>
      event.organizationId === command.organizationId
        ? []
        : ['event.organizationId must equal organizationId'],
  );
}

/** A `hookline.signals.v1` value. */
export function validateEndpointSignal(value: unknown): Validated<EndpointSignal> {
  return endpointSignal(value);
}

/** A `hookline.api-keys.v1` value (a tombstone is a deleted key, not a value). */
export function validateApiKeyRecord(value: unknown): Validated<ApiKeyRecord> {
  return apiKeyRecord(value);
}

/** A `hookline.backfills.v1` value (a tombstone is a forgotten backfill, not a value). */
export function validateBackfillRequest(value: unknown): Validated<BackfillRequest> {
  const parsed = backfillRequest(value);
  if (parsed.ok && Date.parse(parsed.value.since) >= Date.parse(parsed.value.until)) {
    return { ok: false, reason: 'invalid backfill request: since must be before until' };
  }
  return parsed;
}

/** A `hookline.backfill-progress.v1` value. */
export function validateBackfillProgress(value: unknown): Validated<BackfillProgress> {
  return backfillProgress(value);
}

/** The payload row is keyed by event id: a body of another event must not be stored under it. */
function withPayloadOfItsEvent<T extends { payload: { id: string }; eventId: string }>(
  parsed: Validated<T>,
  what: string,
): Validated<T> {
  if (parsed.ok && parsed.value.payload.id !== parsed.value.eventId) {
    return {
      ok: false,
      reason: `invalid ${what}: payload.id "${parsed.value.payload.id}" differs from eventId "${parsed.value.eventId}"`,
    };
  }
  return parsed;
}

/**
 * A message that carries an event (`value.event`): the event is checked by `validateEvent` even when
 * the rest is refused, and `crossCheck` compares the two, so every problem is named at once.
 */
function withItsEvent<T extends { event: EventEnvelope }>(
  value: unknown,
  parsed: Validated<T>,
  what: string,
  validateEvent: (event: unknown) => EnvelopeValidation,
  crossCheck: (message: Record<string, unknown>, event: EventEnvelope) => string[] = () => [],
): Validated<T> {
  if (!isObject(value)) {
    return parsed;
  }
  const event = validateEvent(value.event);
  const problems = [
    ...problemsOf(parsed, what),
    ...(event.ok ? crossCheck(value, event.value) : prefixed(event.errors)),
  ];
  if (!parsed.ok || !event.ok || problems.length > 0) {
    return refused(what, problems);
  }
  return { ok: true, value: { ...parsed.value, event: event.value } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problemsOf(parsed: Validated<unknown>, what: string): string[] {
  if (parsed.ok) {
    return [];
  }
  return parsed.reason.slice(`invalid ${what}: `.length).split('; ');
}

function prefixed(errors: readonly string[]): string[] {
  return errors.map((error) => `event: ${error}`);
}

function refused(what: string, problems: readonly string[]): { ok: false; reason: string } {
  return { ok: false, reason: `invalid ${what}: ${[...new Set(problems)].join('; ')}` };
}
