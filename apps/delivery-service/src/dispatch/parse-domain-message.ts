import type { KafkaMessage } from 'kafkajs';
import { validateEnvelope, type EventEnvelope } from '@hookline/contracts';
import { decodeJson } from '@hookline/kafka';

export type DomainMessageParse = { ok: true; event: EventEnvelope } | { ok: false; reason: string };

/** A domain message's value as a validated envelope, or why it is refused. */
export function parseDomainMessage(message: KafkaMessage): DomainMessageParse {
  const decoded = decodeJson(message.value);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  const validation = validateEnvelope(decoded.value);
  if (!validation.ok) return { ok: false, reason: `invalid event: ${validation.errors.join('; ')}` };
  return { ok: true, event: validation.value };
}
