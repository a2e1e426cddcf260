import { plainToInstance } from 'class-transformer';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { findEventType, validateEventData } from './catalog';
import { EXTERNAL_ID_PATTERN } from './ids';
import { newAjv } from './messages/ajv';
import { findUnstorableJson } from './storable-json';
import { domainTopic } from './topics';
import { flattenValidationErrors, validateInstance } from './validation';

/**
 * Hookline's own events (activation tests) go to one webhook only, whatever it subscribes to.
 * `minVersion` is the webhook state the event was created with: delivery waits for it.
 */
export class EventTarget {
  @IsString()
  @Matches(EXTERNAL_ID_PATTERN)
  webhookId!: string;

  @IsInt()
  @Min(1)
  minVersion!: number;
}

/** The event as product services publish it: the value of every `domain.*` message. */
export class EventEnvelope {
  /** Unique event id; becomes `webhook-id` on every delivery of the event. */
  @IsString()
  @Matches(EXTERNAL_ID_PATTERN, { message: 'id must be 1-128 characters of A-Z a-z 0-9 _ . : -' })
  id!: string;

  /** A type from the event catalog, e.g. `job.status_changed`. */
  @IsString()
  @IsNotEmpty()
  type!: string;

  @IsString()
  @Matches(EXTERNAL_ID_PATTERN, { message: 'organizationId must be 1-128 characters of A-Z a-z 0-9 _ . : -' })
  organizationId!: string;

  /** The resource the event is about; events of one subject keep their order. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  subject!: string;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  /** No delivery attempt is made after this instant. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  expiresAt?: string | null;

  @IsObject()
  data!: Record<string, unknown>;

  /** Set only by Hookline itself; product services and ingest never set it. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  // ValidateNested alone passes an empty array, which dispatch would take for a target.
  @IsObject({ message: 'target must be an object' })
  @ValidateNested()
  @Type(() => EventTarget)
  target?: EventTarget | null;
}

const ID = { type: 'string', pattern: EXTERNAL_ID_PATTERN.source };

/**
 * `EventEnvelope`'s decorators as one compiled check: the fast path of `validateEnvelopeShell`. It
 * accepts nothing the class-validator DTO refuses (a spec mutates envelopes to hold it to that);
 * what it refuses goes to class-validator, which decides and names the field.
 */
export const ENVELOPE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type', 'organizationId', 'subject', 'occurredAt', 'data'],
  properties: {
    id: ID,
    type: { type: 'string', minLength: 1 },
    organizationId: ID,
    subject: { type: 'string', minLength: 1, maxLength: 256 },
    occurredAt: { type: 'string', format: 'iso8601' },
    expiresAt: { type: ['string', 'null'], format: 'iso8601' },
    data: { type: 'object' },
    target: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['webhookId', 'minVersion'],
      properties: { webhookId: ID, minVersion: { type: 'integer', minimum: 1 } },
    },
  },
};

const isEnvelope = newAjv(false).compile<EventEnvelope>(ENVELOPE_SCHEMA);

export type EnvelopeValidation = { ok: true; value: EventEnvelope } | { ok: false; errors: string[] };

export interface EnvelopeValidationOptions {
  /** The domain topic the event was read from; an event of another resource's type is refused. */
  topic?: string;
}

/** The domain topic an event of `type` is published to: `domain.<resource>.v1`. */
export function domainTopicOfType(type: string): string {
  return domainTopic(findEventType(type)?.resource ?? type.split('.')[0]);
}

/** Why an event of `type` does not belong on `topic`, or null when it does. */
export function eventTopicProblem(type: string, topic: string): string | null {
  const expected = domainTopicOfType(type);
  return expected === topic ? null : `type "${type}" belongs on ${expected}, not ${topic}`;
}

/** Validates the envelope, then its `data` against the type's DTO. Errors name the field. */
export function validateEnvelope(
  input: unknown,
  options: EnvelopeValidationOptions = {},
): EnvelopeValidation {
  const shell = validateEnvelopeShell(input, options);
  if (!shell.ok) {
    return shell;
  }
  const data = validateEventData(shell.value.type, shell.value.data);
  if (!data.ok) {
    return { ok: false, errors: data.errors };
  }
  return shell;
}

/**
 * Validates the envelope's own fields and that its type is in the catalog, not `data`: enough to route
 * the event. A consumer that delivers it must still check `data` (`validateEventData`), and one that
 * reads envelopes it wrote itself after a full validation may stop here.
 */
export function validateEnvelopeShell(
  input: unknown,
  options: EnvelopeValidationOptions = {},
): EnvelopeValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: ['event must be a JSON object'] };
  }
  // Before anything recursive: a producer that skipped ingest must not stall the log or overflow a stack.
  const unstorable = findUnstorableJson(input);
  if (unstorable.length > 0) {
    return { ok: false, errors: unstorable };
  }
  let envelope: EventEnvelope;
  if (isEnvelope(input)) {
    envelope = input;
  } else {
    envelope = plainToInstance(EventEnvelope, input);
    const envelopeErrors = flattenValidationErrors(validateInstance(envelope));
    if (envelopeErrors.length > 0) {
      return { ok: false, errors: envelopeErrors };
    }
  }
  if (!findEventType(envelope.type)) {
    return { ok: false, errors: [`type "${envelope.type}" is not in the event catalog`] };
  }
  // A producer writing straight to Kafka could put a job event on the estimate topic: the routing, ordering
  // and retention of that topic would then apply to it.
  const topicProblem = options.topic === undefined ? null : eventTopicProblem(envelope.type, options.topic);
  if (topicProblem !== null) {
    return { ok: false, errors: [topicProblem] };
  }
  return { ok: true, value: envelope };
}

/** Default expiry of an event: its own `expiresAt`, else the type's default TTL, else none. */
export function effectiveExpiry(envelope: EventEnvelope): Date | null {
  if (envelope.expiresAt) {
    return new Date(envelope.expiresAt);
  }
  const ttl = findEventType(envelope.type)?.defaultTtlSeconds;
  return ttl ? new Date(Date.parse(envelope.occurredAt) + ttl * 1000) : null;
}
