import { validateEndpointSignal, type EndpointSignal } from '@hookline/contracts';
import { decodeJson } from '@hookline/kafka';

export type ParsedSignal = { ok: true; signal: EndpointSignal } | { ok: false; reason: string };

/** A `hookline.signals.v1` value as a validated signal, or why it is not one. */
export function parseEndpointSignal(value: Buffer | null): ParsedSignal {
  const decoded = decodeJson(value);
  if (!decoded.ok) {
    return decoded;
  }
  const parsed = validateEndpointSignal(decoded.value);
  return parsed.ok ? { ok: true, signal: parsed.value } : parsed;
}
