import type { JSONSchema } from '@hookline/contracts';

/** Every key of `T`, optional ones included, so a field added to a contract fails to compile here. */
export type PropertiesOf<T> = { [K in keyof Required<T>]: JSONSchema };

/**
 * A closed JSON Schema for a contract written as a TypeScript interface. The property map is typed
 * by the interface, which is what keeps the document and the contract from drifting apart.
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
    additionalProperties: false,
  };
}

export const string = (description?: string): JSONSchema => ({ type: 'string', ...describe(description) });
export const instant = (description?: string): JSONSchema => ({
  type: 'string',
  format: 'date-time',
  ...describe(description),
});
export const integer = (description?: string): JSONSchema => ({ type: 'integer', ...describe(description) });
export const boolean = (description?: string): JSONSchema => ({ type: 'boolean', ...describe(description) });
export const oneOfValues = (values: readonly unknown[], description?: string): JSONSchema => ({
  enum: [...values],
  ...describe(description),
});
export const nullable = (schema: JSONSchema): JSONSchema => ({ anyOf: [schema, { type: 'null' }] });
export const stringMap = (description?: string): JSONSchema => ({
  type: 'object',
  additionalProperties: { type: 'string' },
  ...describe(description),
});
export const ref = (name: string): JSONSchema => ({ $ref: `#/components/schemas/${name}` });

function describe(description: string | undefined): JSONSchema {
  return description === undefined ? {} : { description };
}
