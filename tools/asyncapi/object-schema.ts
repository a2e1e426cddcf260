import type { JSONSchema } from '@hookline/contracts';

export const nullable = (schema: JSONSchema): JSONSchema => ({ anyOf: [schema, { type: 'null' }] });
export const ref = (name: string): JSONSchema => ({ $ref: `#/components/schemas/${name}` });
