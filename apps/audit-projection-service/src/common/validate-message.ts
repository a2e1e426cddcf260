import { flattenValidationErrors } from '@hookline/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { MessageParse } from './decode-batch';

/**
 * Validates a decoded Kafka value into `dtoClass`. Unknown fields are tolerated (and ignored)
 * so a producer can add a field without every message of the old shape going to the DLQ.
 */
export function validateMessage<T extends object>(
  dtoClass: new () => T,
  value: unknown,
  what: string,
): MessageParse<T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `${what} must be a JSON object` };
  }
  const instance = plainToInstance(dtoClass, value);
  const errors = flattenValidationErrors(validateSync(instance));
  if (errors.length > 0) return { ok: false, reason: `invalid ${what}: ${errors.join('; ')}` };
  return { ok: true, value: instance };
}
