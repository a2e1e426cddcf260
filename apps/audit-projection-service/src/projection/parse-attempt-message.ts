import {
  ATTEMPT_EVENT_SCHEMA,
  ATTEMPT_START_SCHEMA,
  DELIVERY_HELD_SCHEMA,
  KafkaHeaders,
} from '@hookline/contracts';
import { decodeJson, readHeaders } from '@hookline/kafka';
import type { KafkaMessage } from 'kafkajs';
import type { MessageParse } from '../common/decode-batch';
import { validateMessage } from '../common/validate-message';
import { AttemptEventDto } from './dto/attempt-event.dto';
import { AttemptStartDto } from './dto/attempt-start.dto';
import { DeliveryHeldDto } from './dto/delivery-held.dto';
import { isValidAttemptEvent } from './is-valid-attempt-event';

/** One message of `hookline.attempts.v1`, by its schema header. */
export type AttemptsTopicMessage =
  | { kind: 'attempt'; event: AttemptEventDto }
  /** `timestampMs` is the message's own time on the topic, which the sweeper compares partitions by. */
  | { kind: 'start'; start: AttemptStartDto; timestampMs: number }
  | { kind: 'held'; held: DeliveryHeldDto };

const SCHEMAS = [ATTEMPT_EVENT_SCHEMA, ATTEMPT_START_SCHEMA, DELIVERY_HELD_SCHEMA];

/** Turns one `hookline.attempts.v1` message into what it says, validated, or the reason it cannot. */
export function parseAttemptMessage(message: KafkaMessage): MessageParse<AttemptsTopicMessage> {
  // Attempt records from before the header existed carry none.
  const schema = readHeaders(message.headers)[KafkaHeaders.schema] ?? ATTEMPT_EVENT_SCHEMA;
  if (!SCHEMAS.includes(schema)) {
    return {
      ok: false,
      reason: `unsupported schema "${schema}", expected one of ${SCHEMAS.map((name) => `"${name}"`).join(', ')}`,
    };
  }
  const decoded = decodeJson(message.value);
  if (!decoded.ok) {
    return decoded;
  }
  if (schema === ATTEMPT_START_SCHEMA) {
    const parsed = validateMessage(AttemptStartDto, decoded.value, 'attempt start');
    if (!parsed.ok) {
      return parsed;
    }
    return {
      ok: true,
      value: { kind: 'start', start: parsed.value, timestampMs: Number(message.timestamp) },
    };
  }
  if (schema === DELIVERY_HELD_SCHEMA) {
    const parsed = validateMessage(DeliveryHeldDto, decoded.value, 'delivery hold');
    if (!parsed.ok) {
      return parsed;
    }
    if (parsed.value.payload.id !== parsed.value.eventId) {
      return payloadMismatch('delivery hold', parsed.value);
    }
    return { ok: true, value: { kind: 'held', held: parsed.value } };
  }
  const parsed = parseAttemptEvent(decoded.value);
  if (!parsed.ok) {
    return parsed;
  }
  return { ok: true, value: { kind: 'attempt', event: parsed.value } };
}

export function parseAttemptEvent(value: unknown): MessageParse<AttemptEventDto> {
  const parsed: MessageParse<AttemptEventDto> = isValidAttemptEvent(value)
    ? { ok: true, value }
    : validateMessage(AttemptEventDto, value, 'attempt event');
  if (!parsed.ok) {
    return parsed;
  }
  // The payload row is keyed by event id: a body of another event must not be stored under it.
  if (parsed.value.payload.id !== parsed.value.eventId) {
    return payloadMismatch('attempt event', parsed.value);
  }
  return parsed;
}

function payloadMismatch(
  what: string,
  value: { payload: { id: string }; eventId: string },
): MessageParse<never> {
  return {
    ok: false,
    reason: `invalid ${what}: payload.id "${value.payload.id}" differs from eventId "${value.eventId}"`,
  };
}
