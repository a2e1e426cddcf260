import { plainToInstance } from 'class-transformer';
import { IsIn, IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import {
  EXTERNAL_ID_PATTERN,
  flattenValidationErrors,
  validateInstance,
  type EndpointSignal,
} from '@hookline/contracts';
import { decodeJson } from '@hookline/kafka';

/** The contracts declare `EndpointSignal` as a type only; this validates a message against it. */
export class EndpointSignalMessage implements EndpointSignal {
  @IsIn(['disable'])
  kind!: 'disable';

  @IsString()
  @Matches(EXTERNAL_ID_PATTERN, { message: 'webhookId must be an id' })
  webhookId!: string;

  @IsString()
  @Matches(EXTERNAL_ID_PATTERN, { message: 'organizationId must be an id' })
  organizationId!: string;

  @IsIn(['gone', 'failing'])
  reason!: 'gone' | 'failing';

  @IsString()
  @MaxLength(2_000)
  detail!: string;

  @IsISO8601({ strict: true })
  at!: string;
}

export type ParsedSignal = { ok: true; signal: EndpointSignalMessage } | { ok: false; reason: string };

/** A `hookline.signals.v1` value as a validated signal, or why it is not one. */
export function parseEndpointSignal(value: Buffer | null): ParsedSignal {
  const decoded = decodeJson(value);
  if (!decoded.ok) {
    return decoded;
  }
  if (typeof decoded.value !== 'object' || decoded.value === null || Array.isArray(decoded.value)) {
    return { ok: false, reason: 'signal must be a JSON object' };
  }
  const signal = plainToInstance(EndpointSignalMessage, decoded.value);
  const errors = flattenValidationErrors(validateInstance(signal));
  return errors.length === 0
    ? { ok: true, signal }
    : { ok: false, reason: `invalid signal: ${errors.join('; ')}` };
}
