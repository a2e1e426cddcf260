import { getMetadataStorage } from 'class-validator';
import type { ValidateFunction } from 'ajv';
import { newAjv } from '../messages/ajv';
import type { DataClass } from './event-type-definition';
import { getFieldSchemas, getNullableFields, type FieldSchema } from './field-decorators';
import type { JSONSchema } from './json-schema.type';

const ajv = newAjv(false);
const compiled = new Map<DataClass, ValidateFunction>();

/**
 * The `data` DTO `dataClass` as one compiled check, built from the schemas its field stacks
 * recorded: closed objects, every field required, `@Nullable()` fields also `null`. It is the fast
 * path of `validateEventData`: it may refuse what class-validator accepts (a refusal goes to
 * class-validator, which decides and names the field), never the other way round; a spec holds it
 * to that over every catalog example and its mutations.
 */
export function compiledDataValidator(dataClass: DataClass): ValidateFunction {
  let validate = compiled.get(dataClass);
  if (validate === undefined) {
    validate = ajv.compile(dataSchemaOf(dataClass, []));
    compiled.set(dataClass, validate);
  }
  return validate;
}

/** The schema `compiledDataValidator` compiles for `dataClass`. */
export function dataSchemaOf(dataClass: DataClass, enclosing: readonly DataClass[]): JSONSchema {
  if (enclosing.includes(dataClass)) {
    throw new Error(`${dataClass.name} contains itself`);
  }
  const schemas = getFieldSchemas(dataClass);
  const nullable = new Set(getNullableFields(dataClass));
  const properties: Record<string, JSONSchema> = {};
  for (const name of validatedProperties(dataClass)) {
    const schema = schemas.get(name);
    if (schema === undefined) {
      // A raw class-validator decorator has no schema: the fast path must not skip its rule.
      throw new Error(`${dataClass.name}.${name} is validated by a decorator without a schema`);
    }
    const resolved = resolve(schema, [...enclosing, dataClass]);
    properties[name] = nullable.has(name) ? orNull(resolved) : resolved;
  }
  return {
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

function resolve(schema: FieldSchema, enclosing: readonly DataClass[]): JSONSchema {
  if (!isNested(schema)) {
    return schema;
  }
  const nested = dataSchemaOf(schema.nested(), enclosing);
  const list = schema.list;
  return list === undefined ? nested : { type: 'array', ...list, items: nested };
}

function isNested(schema: FieldSchema): schema is Extract<FieldSchema, { nested: unknown }> {
  return typeof schema.nested === 'function';
}

function orNull(schema: JSONSchema): JSONSchema {
  if (Array.isArray(schema.enum)) {
    return { ...schema, enum: [...schema.enum, null] };
  }
  if (typeof schema.type !== 'string') {
    throw new Error('a nullable field needs a type or an enum');
  }
  return { ...schema, type: [schema.type, 'null'] };
}

/** Every property class-validator checks on `dataClass`, inherited ones included. */
function validatedProperties(dataClass: DataClass): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dataClass, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))];
}
