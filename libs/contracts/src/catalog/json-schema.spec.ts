import { EVENT_CATALOG, JOB_STATUSES, ProjectData, getNullableFields } from './index';
import { eventDataJsonSchema } from './json-schema';
import type { JSONSchema } from './json-schema.type';

type Json = Record<string, unknown>;

/** A tiny structural check: types, required keys present, no keys beyond `properties`, recursively. */
function structuralProblems(schema: JSONSchema, value: unknown, path = 'data'): string[] {
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 0 && !accepts(types, jsonTypeOf(value))) {
    return [`${path} is ${jsonTypeOf(value)}, expected ${types.join(' or ')}`];
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    const items = schema.items;
    return value.flatMap((item, index) => structuralProblems(items, item, `${path}[${index}]`));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [];
  }
  const properties = schema.properties ?? {};
  const object = value as Json;
  const missing = (schema.required ?? [])
    .filter((key) => !(key in object))
    .map((key) => `${path}.${key} is missing`);
  const extra =
    schema.additionalProperties === false
      ? Object.keys(object)
          .filter((key) => !(key in properties))
          .map((key) => `${path}.${key} is not allowed`)
      : [];
  const nested = Object.entries(object).flatMap(([key, child]) =>
    key in properties ? structuralProblems(properties[key], child, `${path}.${key}`) : [],
  );
  return [...missing, ...extra, ...nested];
}

function jsonTypeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}

// An integer is a JSON number too.
function accepts(types: string[], actual: string): boolean {
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

describe(eventDataJsonSchema.name, () => {
  it.each(EVENT_CATALOG.map((definition) => [definition.type, definition] as const))(
    '%s: its example satisfies its own schema',
    (type, definition) => {
      expect(structuralProblems(eventDataJsonSchema(type), definition.example)).toEqual([]);
    },
  );

  it.each(EVENT_CATALOG.map((definition) => [definition.type] as const))(
    '%s: the schema is closed and requires every field',
    (type) => {
      const schema = eventDataJsonSchema(type);

      expect(schema.type).toBe('object');
      expect(schema.additionalProperties).toBe(false);
      expect([...(schema.required ?? [])].sort()).toEqual(Object.keys(schema.properties ?? {}).sort());
      expect(JSON.stringify(schema)).not.toContain('$ref');
    },
  );

  it('marks nullable fields, nested ones included, with a null type', () => {
    const schema = eventDataJsonSchema('project.created');
    const properties = schema.properties ?? {};

    for (const field of getNullableFields(ProjectData)) {
      expect(properties[field].type).toEqual([expect.any(String), 'null']);
    }
    expect(properties.name.type).toBe('string');
    expect(properties.customer.properties?.email.type).toEqual(['string', 'null']);
    expect(properties.customer.properties?.name.type).toBe('string');
  });

  it('inlines lists of nested objects as closed item schemas', () => {
    const lineItems = eventDataJsonSchema('estimate.created').properties?.lineItems;

    expect(lineItems?.type).toBe('array');
    expect(lineItems?.items).toMatchObject({ type: 'object', additionalProperties: false });
  });

  it('carries the DTO rules: lengths, patterns and allowed values', () => {
    const properties = eventDataJsonSchema('job.created').properties ?? {};

    expect(properties.status).toEqual({ type: 'string', enum: [...JOB_STATUSES] });
    expect(properties.name).toMatchObject({ type: 'string', minLength: 1 });
  });

  it('is deterministic and cannot be changed through a returned copy', () => {
    const first = eventDataJsonSchema('webhook.test');
    first.additionalProperties = true;

    expect(eventDataJsonSchema('webhook.test')).toEqual({
      type: 'object',
      properties: {
        webhookId: { type: 'string', minLength: 1, maxLength: 128, pattern: '^\\S+$' },
        message: { type: 'string', minLength: 1, maxLength: 500 },
      },
      required: ['webhookId', 'message'],
      additionalProperties: false,
    });
  });

  it('refuses a type that is not in the catalog', () => {
    expect(() => eventDataJsonSchema('job.exploded')).toThrow('unknown event type "job.exploded"');
  });

  describe('the structural check itself', () => {
    const schema = eventDataJsonSchema('project.created');
    const example = EVENT_CATALOG.find((definition) => definition.type === 'project.created')?.example ?? {};

    it('finds a missing field, an extra one and a wrong type', () => {
      const withoutName = Object.fromEntries(Object.entries(example).filter(([key]) => key !== 'name'));
      const customer = { ...(example.customer as Json), nickname: 'Jack' };

      expect(structuralProblems(schema, { ...withoutName, customer, job_number: 7 })).toEqual([
        'data.name is missing',
        'data.job_number is integer, expected string or null',
        'data.customer.nickname is not allowed',
      ]);
    });
  });
});
