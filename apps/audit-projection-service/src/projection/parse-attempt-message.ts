import { ATTEMPT_EVENT_SCHEMA, KafkaHeaders } from '@hookline/contracts';
import { decodeJson, readHeaders } from '@hookline/kafka';
import type { KafkaMessage } from 'kafkajs';
import type { MessageParse } from '../common/decode-batch';
import { validateMessage } from '../common/validate-message';
import { AttemptEventDto } from './dto/attempt-event.dto';
import { isValidAttemptEvent } from './is-valid-attempt-event';

/** Turns one `hookline.attempts.v1` message into a validated attempt, or the reason it is not one. */
export function parseAttemptMessage(message: KafkaMessage): MessageParse<AttemptEventDto> {
  const schema = readHeaders(message.headers)[KafkaHeaders.schema];
  if (schema !== undefined && schema !== ATTEMPT_EVENT_SCHEMA) {
    return { ok: false, reason: `unsupported schema "${schema}", expected "${ATTEMPT_EVENT_SCHEMA}"` };
  }
  const decoded = decodeJson(message.value);
  if (!decoded.ok) {
    return decoded;
  }
  return parseAttemptEvent(decoded.value);
}

export function parseAttemptEvent(value: unknown): MessageParse<AttemptEventDto> {
  const parsed: MessageParse<AttemptEventDto> = isValidAttemptEvent(value)
    ? { ok: true, value }
    : validateMessage(AttemptEventDto, value, 'attempt event');
  if (!parsed.ok) {
    return parsed;
  }
  const event = parsed.value;
  // The payload row is keyed by event id: a body of another event must not be stored under it.
  if (event.payload.id !== event.eventId) {
    return {
      ok: false,
      reason: `invalid attempt event: payload.id "${event.payload.id}" differs from eventId "${event.eventId}"`,
    };
  }
  return parsed;
}
