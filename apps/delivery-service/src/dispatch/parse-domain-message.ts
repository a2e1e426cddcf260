import type { KafkaMessage } from 'kafkajs';
import { validateEnvelope, type EventEnvelope } from '@hookline/contracts';
import { decodeJson } from '@hookline/kafka';

export type DomainMessageParse = { ok: true; event: EventEnvelope } | { ok: false; reason: string };

/** A domain message's value as a validated envelope, or why it is refused (too large, not JSON, invalid). */
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
  const validation = validateEnvelope(decoded.value);
  if (!validation.ok) return { ok: false, reason: `invalid event: ${validation.errors.join('; ')}` };
  return { ok: true, event: validation.value };
}
