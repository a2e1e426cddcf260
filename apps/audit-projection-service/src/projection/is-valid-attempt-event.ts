import { ATTEMPT_OUTCOMES, DELIVERY_STATUSES } from '@hookline/contracts';
import {
  isBoolean,
  isIn,
  isInt,
  isISO8601,
  isNotEmpty,
  isObject,
  isString,
  max,
  maxLength,
  min,
} from 'class-validator';
import { isStringRecord } from '../common/is-string-record.decorator';
import { isTimestamp } from '../common/is-timestamp.decorator';
import { ID_MAX, type AttemptEventDto } from './dto/attempt-event.dto';

type Fields<T> = { readonly [Key in keyof T]?: unknown };

/**
 * The decorators of `AttemptEventDto` and `DeliveredPayloadDto` written out with class-validator's
 * own checks, without its per-call metadata scan and class-transformer's copy. It accepts only
 * what `validateMessage(AttemptEventDto, …)` accepts, as an equal value (the spec mutates events
 * field by field to hold it to that); whatever it refuses goes to class-validator, which then
 * accepts it or names the field.
 */
export function isValidAttemptEvent(value: unknown): value is AttemptEventDto {
  if (!isJsonObject(value) || !isCopiedWhole(value)) {
    return false;
  }
  const event: Fields<AttemptEventDto> = value;
  return (
    isId(event.attemptId) &&
    isId(event.deliveryId) &&
    isId(event.eventId) &&
    isId(event.eventType) &&
    isId(event.organizationId) &&
    isId(event.webhookId) &&
    isFilledString(event.subject) &&
    isFilledString(event.url) &&
    isInt(event.attempt) &&
    min(event.attempt, 1) &&
    isTimestamp(event.startedAt) &&
    isInt(event.durationMs) &&
    min(event.durationMs, 0) &&
    isStringRecord(event.requestHeaders) &&
    (event.responseStatus === null ||
      (isInt(event.responseStatus) && min(event.responseStatus, 100) && max(event.responseStatus, 599))) &&
    (event.responseHeaders === null || isStringRecord(event.responseHeaders)) &&
    (event.responseBody === null || isString(event.responseBody)) &&
    isBoolean(event.responseBodyTruncated) &&
    isIn(event.outcome, ATTEMPT_OUTCOMES) &&
    (event.error === null || isString(event.error)) &&
    isIn(event.deliveryStatus, DELIVERY_STATUSES) &&
    (event.nextAttemptAt === null || isTimestamp(event.nextAttemptAt)) &&
    isString(event.eventOccurredAt) &&
    isISO8601(event.eventOccurredAt, { strict: true }) &&
    isPayload(event.payload)
  );
}

function isPayload(value: unknown): boolean {
  if (!isJsonObject(value)) {
    return false;
  }
  const payload: Fields<AttemptEventDto['payload']> = value;
  return (
    isId(payload.id) &&
    isFilledString(payload.type) &&
    isString(payload.timestamp) &&
    isISO8601(payload.timestamp, { strict: true }) &&
    isObject(payload.data)
  );
}

/** `@IsString() @IsNotEmpty() @MaxLength(ID_MAX)`. */
function isId(value: unknown): value is string {
  return isFilledString(value) && maxLength(value, ID_MAX);
}

/** `@IsString() @IsNotEmpty()`. */
function isFilledString(value: unknown): value is string {
  return isString(value) && isNotEmpty(value);
}

function isJsonObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * class-transformer leaves out keys named like `Object.prototype` members (`constructor`,
 * `toString`, `__proto__` …) when it copies an object, or throws on them; an event holding one
 * takes class-validator's path so it is stored exactly as before.
 */
function isCopiedWhole(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.every(isCopiedWhole);
  }
  const record = value as Record<string, unknown>;
  // for…in rather than Object.entries: no array per object on the hot path.
  for (const key in record) {
    if (key in Object.prototype || !isCopiedWhole(record[key])) {
      return false;
    }
  }
  return true;
}
