import { WEBHOOK_LIMITS } from './webhook-limits';

/** The webhook fields that are objects of string values, with what their messages say of them. */
const OBJECT_FIELDS = {
  headers: { of: 'header names to string values', maxEntries: WEBHOOK_LIMITS.maxHeaders, counted: 'entries' },
  metadata: { of: 'string values', maxEntries: WEBHOOK_LIMITS.maxMetadataKeys, counted: 'keys' },
} as const;

/**
 * Every problem of an object field: it being no object, having too many entries, then what
 * `findEntryProblems` finds in its entries. Each message names the field.
 */
export function findObjectFieldProblems(
  field: keyof typeof OBJECT_FIELDS,
  value: unknown,
  findEntryProblems: (entries: Array<[string, unknown]>) => string[],
): string[] {
  const { of, maxEntries, counted } = OBJECT_FIELDS[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${field} must be an object of ${of}`];
  }
  const entries = Object.entries(value);
  const tooMany = `${field} has ${entries.length} ${counted}; at most ${maxEntries} are allowed`;
  return [...(entries.length > maxEntries ? [tooMany] : []), ...findEntryProblems(entries)];
}
