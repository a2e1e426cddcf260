import type { KafkaMessage } from 'kafkajs';
import {
  CloudEventHeaders,
  envelopeFromCloudEvent,
  validateEnvelopeShell,
  validateEventData,
  type EventEnvelope,
} from '@hookline/contracts';
import { decodeJson, readHeaders } from '@hookline/kafka';

export type DomainMessageParse = { ok: true; event: EventEnvelope } | { ok: false; reason: string };

/**
 * A domain message as an envelope whose own fields are valid, or why it is refused (too large, not JSON,
 * invalid envelope). The value is the native envelope, or, when the message carries `ce_specversion`, the
 * `data` of a binary-mode CloudEvent whose attributes are its `ce_*` headers. Its `data` is checked by `checkEventData` once the event turns out to
 * go somewhere: an event no webhook receives costs no DTO validation.
 */
/** `topic`: where the message was read; an event of another resource's type there is refused. */
export function parseDomainMessage(
  message: KafkaMessage,
  maxBytes: number,
  topic?: string,
): DomainMessageParse {
  const size = message.value?.length ?? 0;
  if (size > maxBytes) {
    return {
      ok: false,
      reason: `message is ${size} bytes, over the ${maxBytes}-byte limit (DELIVERY_MAX_EVENT_BYTES)`,
    };
  }
  const decoded = decodeJson(message.value);
  if (!decoded.ok) {
    return { ok: false, reason: decoded.reason };
  }
  const candidate = cloudEventOrNative(message, decoded.value);
  if (!candidate.ok) {
    return { ok: false, reason: `invalid CloudEvent: ${candidate.errors.join('; ')}` };
  }
  const validation = validateEnvelopeShell(candidate.envelope, { topic });
  if (!validation.ok) {
    return { ok: false, reason: `invalid event: ${validation.errors.join('; ')}` };
  }
  return { ok: true, event: validation.value };
}

// The header is looked up before any header is decoded: native messages, the common case, pay nothing.
function cloudEventOrNative(
  message: KafkaMessage,
  value: unknown,
): { ok: true; envelope: unknown } | { ok: false; errors: string[] } {
  if (message.headers?.[CloudEventHeaders.specVersion] === undefined) {
    return { ok: true, envelope: value };
  }
  return envelopeFromCloudEvent(readHeaders(message.headers), value);
}

/** Null when the event's `data` matches its type's DTO, else the refusal reason. */
export function checkEventData(event: EventEnvelope): string | null {
  const data = validateEventData(event.type, event.data);
  return data.ok ? null : `invalid event: ${data.errors.join('; ')}`;
}
