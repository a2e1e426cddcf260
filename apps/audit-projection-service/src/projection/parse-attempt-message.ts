import {
  ATTEMPT_EVENT_SCHEMA,
  ATTEMPT_START_SCHEMA,
  DELIVERY_HELD_SCHEMA,
  KafkaHeaders,
  validateAttemptEvent,
  validateAttemptStart,
  validateDeliveryHeld,
  type AttemptEvent,
  type AttemptStart,
  type DeliveryHeld,
} from '@hookline/contracts';
import { decodeJson, readHeaders } from '@hookline/kafka';
import type { KafkaMessage } from 'kafkajs';
import type { MessageParse } from '../common/decode-batch';

/** One message of `hookline.attempts.v1`, by its schema header. */
export type AttemptsTopicMessage =
  | { kind: 'attempt'; event: AttemptEvent }
  /** `timestampMs` is the message's own time on the topic, which the sweeper compares partitions by. */
  | { kind: 'start'; start: AttemptStart; timestampMs: number }
  | { kind: 'held'; held: DeliveryHeld };

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
    const parsed = validateAttemptStart(decoded.value);
    return parsed.ok
      ? { ok: true, value: { kind: 'start', start: parsed.value, timestampMs: Number(message.timestamp) } }
      : parsed;
  }
  if (schema === DELIVERY_HELD_SCHEMA) {
    const parsed = validateDeliveryHeld(decoded.value);
    return parsed.ok ? { ok: true, value: { kind: 'held', held: parsed.value } } : parsed;
  }
  const parsed = validateAttemptEvent(decoded.value);
  return parsed.ok ? { ok: true, value: { kind: 'attempt', event: parsed.value } } : parsed;
}
