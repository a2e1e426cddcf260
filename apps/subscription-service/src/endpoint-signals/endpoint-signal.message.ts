import { validateEndpointSignal, type EndpointSignal } from '@hookline/contracts';
import { decodeValidated } from '@hookline/kafka';

export type ParsedSignal = { ok: true; signal: EndpointSignal } | { ok: false; reason: string };

/** A `hookline.signals.v1` value as a validated signal, or why it is not one. */
export function parseEndpointSignal(value: Buffer | null): ParsedSignal {
  const parsed = decodeValidated(value, validateEndpointSignal);
  return parsed.ok ? { ok: true, signal: parsed.value } : parsed;
}
