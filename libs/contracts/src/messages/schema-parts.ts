import type { JSONSchema } from '../catalog/json-schema.type';
import { EXTERNAL_ID_PATTERN } from '../ids';

/** Where named schemas live; the AsyncAPI document moves them to `#/components/schemas/`. */
export const DEFS_PREFIX = '#/$defs/';

/** Every key of `T`, optional ones included, so a field added to a contract fails to compile here. */
export type PropertiesOf<T> = { [K in keyof Required<T>]: JSONSchema };

/**
 * The schema of a contract written as a TypeScript interface. The property map is typed by the
 * interface, which keeps the schema and the contract from drifting apart. Fields a producer adds
 * later are tolerated (not listed, not refused), so a newer producer does not send an older
 * consumer's whole topic to its dead-letter queue.
 */
export function objectSchema<T>(
  description: string,
  properties: PropertiesOf<T>,
  optional: readonly (keyof T)[] = [],
): JSONSchema {
  return {
    type: 'object',
    description,
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key as keyof T)),
  };
}

/**
 * One branch per member of a union discriminated by `type`. Keyed by the member's `type`, so a
 * member added to the union without a schema fails to compile instead of being refused at run time.
 */
export function taggedUnion<T extends { type: string }>(
  description: string,
  members: { [K in T['type']]: Record<string, JSONSchema> },
): JSONSchema {
  return {
    type: 'object',
    description,
    discriminator: { propertyName: 'type' },
    oneOf: Object.entries(members).map(([type, properties]) => ({
      properties: { type: { const: type }, ...(properties as Record<string, JSONSchema>) },
      required: ['type', ...Object.keys(properties as Record<string, JSONSchema>)],
    })),
  };
}

export const ID_MAX_LENGTH = 256;

/** A non-empty string, as every free-form identifier and name is. */
export const text = (description?: string): JSONSchema => ({
  type: 'string',
  minLength: 1,
  ...describe(description),
});
/** An identifier Hookline generated or stored (delivery, event, attempt ids; event types). */
export const storedId = (description?: string): JSONSchema => ({
  type: 'string',
  minLength: 1,
  maxLength: ID_MAX_LENGTH,
  ...describe(description),
});
/** An id in the external form (`EXTERNAL_ID_PATTERN`): webhooks and organizations. */
export const externalId = (description?: string): JSONSchema => ({
  type: 'string',
  pattern: EXTERNAL_ID_PATTERN.source,
  ...describe(description),
});
/** An instant as Hookline writes it: ISO 8601 with an explicit UTC offset. */
export const timestamp = (description?: string): JSONSchema => ({
  type: 'string',
  format: 'timestamp',
  ...describe(description),
});
/** Any strict ISO 8601 date, as ingest accepts an event's `occurredAt`. */
export const isoDate = (description?: string): JSONSchema => ({
  type: 'string',
  format: 'iso8601',
  ...describe(description),
});
export const integer = (minimum: number, description?: string): JSONSchema => ({
  type: 'integer',
  minimum,
  maximum: Number.MAX_SAFE_INTEGER,
  ...describe(description),
});
export const boolean = (description?: string): JSONSchema => ({ type: 'boolean', ...describe(description) });
export const oneOfValues = (values: readonly string[], description?: string): JSONSchema => ({
  type: 'string',
  enum: [...values],
  ...describe(description),
});
export const stringMap = (description?: string): JSONSchema => ({
  type: 'object',
  additionalProperties: { type: 'string' },
  ...describe(description),
});
export const ref = (name: string): JSONSchema => ({ $ref: `${DEFS_PREFIX}${name}` });

/** `schema` or null; the key itself is still required unless listed as optional. */
export function nullable(schema: JSONSchema): JSONSchema {
  if (typeof schema.type !== 'string') {
    throw new Error('nullable() takes a schema with one type');
  }
  return { ...schema, type: [schema.type, 'null'] };
}

function describe(description: string | undefined): JSONSchema {
  return description === undefined ? {} : { description };
}
