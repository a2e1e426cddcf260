import fc from 'fast-check';
import { hostileValue } from './hostile-values';
import type { Schema, ServiceDocument } from './openapi-operations';

/** One value in ten is hostile, at every level, so deep fields get their share. */
const HOSTILE_WEIGHT = 1;
const VALID_WEIGHT = 9;
const MAX_STRING = 40;
const MAX_ITEMS = 4;

const validTimestamp = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

/** Values of `schema`: mostly what it describes (examples and enums first), sometimes anything. */
export function arbitraryFor(schema: Schema, document: ServiceDocument, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: VALID_WEIGHT, arbitrary: validFor(document.resolve(schema), document, depth) },
    { weight: HOSTILE_WEIGHT, arbitrary: hostileValue() },
  );
}

function validFor(schema: Schema, document: ServiceDocument, depth: number): fc.Arbitrary<unknown> {
  const base = shapeFor(schema, document, depth);
  return schema.nullable === true ? fc.option(base, { nil: null, freq: 5 }) : base;
}

function shapeFor(schema: Schema, document: ServiceDocument, depth: number): fc.Arbitrary<unknown> {
  if (schema.oneOf !== undefined) {
    return fc.oneof(...schema.oneOf.map((option) => validFor(document.resolve(option), document, depth)));
  }
  if (schema.enum !== undefined) {
    return fc.constantFrom(...schema.enum);
  }
  switch (schema.type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
    case 'number':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(arbitraryFor(schema.items ?? {}, document, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS)),
      });
    case 'object':
    case undefined:
      return objectFor(schema, document, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.format === 'date-time') {
    return validTimestamp;
  }
  const maxLength = Math.min(schema.maxLength ?? MAX_STRING, MAX_STRING);
  const random = fc.string({ minLength: Math.min(schema.minLength ?? 0, maxLength), maxLength });
  return typeof schema.example === 'string'
    ? fc.oneof({ weight: 3, arbitrary: fc.constant(schema.example) }, { weight: 1, arbitrary: random })
    : random;
}

function objectFor(schema: Schema, document: ServiceDocument, depth: number): fc.Arbitrary<unknown> {
  if (depth > 4) {
    return fc.constant({});
  }
  const properties = schema.properties ?? {};
  const entries = Object.entries(properties);
  if (entries.length === 0) {
    if (schema.example !== undefined) {
      return fc.constant(schema.example);
    }
    const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
    return fc.dictionary(fc.string({ maxLength: 12 }), arbitraryFor(values, document, depth + 1), {
      maxKeys: 3,
    });
  }
  const record = fc.record(
    Object.fromEntries(
      entries.map(([name, property]) => [name, arbitraryFor(property, document, depth + 1)]),
    ),
    { requiredKeys: (schema.required ?? []).filter((name) => name in properties) },
  );
  // Now and then a field the schema does not have.
  return fc
    .tuple(record, fc.option(fc.tuple(fc.string({ maxLength: 8 }), hostileValue()), { freq: 8 }))
    .map(([value, extra]) => (extra === null ? value : { ...(value as object), [`x${extra[0]}`]: extra[1] }));
}
