import type { KafkaMessage } from 'kafkajs';
import { validateEnvelopeShell, validateEventData, type EventEnvelope } from '@hookline/contracts';
import { decodeJson } from '@hookline/kafka';

export type DomainMessageParse = { ok: true; event: EventEnvelope } | { ok: false; reason: string };

/**
 * A domain message's value as an envelope whose own fields are valid, or why it is refused (too large,
 * not JSON, invalid envelope). Its `data` is checked by `checkEventData` once the event turns out to
 * go somewhere: an event no webhook receives costs no DTO validation.
 */
export function parseDomainMessage(message: KafkaMessage, maxBytes: number): DomainMessageParse {
  const size = message.value?.length ?? 0;
  if (size > maxBytes) {
    return {
      ok: false,
      reason: `message is ${size} bytes, over the ${maxBytes}-byte limit (DELIVERY_MAX_EVENT_BYTES)`,
    };
  }
  const decoded = decodeJson(message.value);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  const validation = validateEnvelopeShell(decoded.value);
  if (!validation.ok) return { ok: false, reason: `invalid event: ${validation.errors.join('; ')}` };
  return { ok: true, event: validation.value };
}

/** Null when the event's `data` matches its type's DTO, else the refusal reason. */
export function checkEventData(event: EventEnvelope): string | null {
  const data = validateEventData(event.type, event.data);
  return data.ok ? null : `invalid event: ${data.errors.join('; ')}`;
}
