import { flattenValidationErrors } from '@hookline/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { MessageParse } from './decode-batch';

/**
 * Validates a decoded Kafka value into `dtoClass`. Unknown fields are tolerated (and ignored)
 * so a producer can add a field without every message of the old shape going to the DLQ.
 *
 * The value itself is returned, not class-transformer's copy: the copy drops keys named like
 * `Object.prototype` members and throws on `constructor`, which free-form JSON (event data,
 * response headers) may hold. Validation runs on a copy with those keys renamed, which the
 * decorators judge alike, since none of them looks at a key's name.
 */
export function validateMessage<T extends object>(
  dtoClass: new () => T,
  value: unknown,
  what: string,
): MessageParse<T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `${what} must be a JSON object` };
  }
  try {
    const instance = plainToInstance(dtoClass, withoutPrototypeKeys(value));
    const errors = flattenValidationErrors(validateSync(instance));
    if (errors.length > 0) {
      return { ok: false, reason: `invalid ${what}: ${errors.join('; ')}` };
    }
  } catch (error) {
    return { ok: false, reason: `invalid ${what}: ${(error as Error).message}` };
  }
  return { ok: true, value: value as T };
}

const RENAMED = 'hookline-renamed:';

function withoutPrototypeKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(withoutPrototypeKeys);
  }
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    copy[key in Object.prototype ? `${RENAMED}${key}` : key] = withoutPrototypeKeys(child);
  }
  return copy;
}
