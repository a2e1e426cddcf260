import { validateEndpointSignal, type EndpointSignal, type Validated } from '@hookline/contracts';
import { decodeValidated } from '@hookline/kafka';

/** A `hookline.signals.v1` value as a validated signal, or why it is not one. */
export function parseEndpointSignal(value: Buffer | null): Validated<EndpointSignal> {
  return decodeValidated(value, validateEndpointSignal);
}
