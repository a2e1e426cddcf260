import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { findEventType } from './event-catalog';
import type { DataClass } from './event-type-definition';
import type { JSONSchema } from './json-schema.type';
import { getNullableFields } from './field-decorators';

const REF_PREFIX = '#/definitions/';

// class-transformer ships no typings for this path, but it is where its `@Type`s live.
const { defaultMetadataStorage: classTransformerMetadataStorage } = module.require(
  'class-transformer/cjs/storage',
) as { defaultMetadataStorage: MetadataStorage };

let definitions: Record<string, JSONSchema> | null = null;
const schemasByClass = new Map<DataClass, JSONSchema>();

/**
 * The JSON Schema of the `data` of `type`, generated from its class-validator DTO so the rules
 * are written once: self-contained (nested DTOs inlined), closed (`additionalProperties: false`),
 * every field required, nullable fields typed `[X, "null"]`. Throws for a type not in the catalog.
 */
export function eventDataJsonSchema(type: string): JSONSchema {
  const definition = findEventType(type);
  if (definition === undefined) {
    throw new Error(`unknown event type "${type}"`);
  }
  return structuredClone(schemaOfClass(definition.dataClass, []));
}

function schemaOfClass(dataClass: DataClass, enclosing: readonly DataClass[]): JSONSchema {
  const cached = schemasByClass.get(dataClass);
  if (cached !== undefined) {
    return cached;
  }
  if (enclosing.includes(dataClass)) {
    throw new Error(`${dataClass.name} contains itself; cannot inline it`);
  }
  const nullable = new Set(getNullableFields(dataClass));
  const properties: Record<string, JSONSchema> = {};
  for (const [name, generated] of Object.entries(generatedSchemaOf(dataClass).properties ?? {})) {
    const resolved = withoutRedundantNotNull(
      inlineNested(generated, dataClass, name, [...enclosing, dataClass]),
    );
    properties[name] = nullable.has(name) ? allowNull(resolved) : resolved;
  }
  const schema: JSONSchema = {
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
  schemasByClass.set(dataClass, schema);
  return schema;
}

// Generated on first use, once every DTO module has loaded and registered its metadata.
function generatedSchemaOf(dataClass: DataClass): JSONSchema {
  definitions ??= validationMetadatasToSchemas({
    classTransformerMetadataStorage,
    refPointerPrefix: REF_PREFIX,
  }) as Record<string, JSONSchema>;
  const schema = definitions[dataClass.name];
  if (schema === undefined) {
    throw new Error(`no validation metadata for class ${dataClass.name}`);
  }
  return schema;
}

/** Replaces a `$ref` (of the field or of its items) with the closed schema of the `@Type` class. */
function inlineNested(
  schema: JSONSchema,
  owner: DataClass,
  property: string,
  enclosing: readonly DataClass[],
): JSONSchema {
  const refersToClass = schema.$ref !== undefined || schema.items?.$ref !== undefined;
  if (!refersToClass) {
    return schema;
  }
  const nested = nestedClassOf(owner, property, schema.$ref ?? schema.items?.$ref ?? '');
  if (schema.$ref !== undefined) {
    return { ...without(schema, '$ref'), ...schemaOfClass(nested, enclosing) };
  }
  const items = without(schema.items ?? {}, '$ref');
  return { ...schema, items: { ...items, ...schemaOfClass(nested, enclosing) } };
}

// Refs are by class name; taking the class from `@Type` and checking its name catches a clash.
function nestedClassOf(owner: DataClass, property: string, ref: string): DataClass {
  const nested: unknown = classTransformerMetadataStorage.findTypeMetadata(owner, property)?.typeFunction();
  if (typeof nested !== 'function' || `${REF_PREFIX}${nested.name}` !== ref) {
    throw new Error(`${owner.name}.${property} refers to ${ref} without a matching @Type class`);
  }
  return nested as DataClass;
}

// `IsDefined` adds `not: {type: null}`; a field with a `type` already excludes null, and a nullable one must not.
function withoutRedundantNotNull(schema: JSONSchema): JSONSchema {
  const isNotNull = JSON.stringify(schema.not) === JSON.stringify({ type: 'null' });
  return isNotNull && schema.type !== undefined ? without(schema, 'not') : schema;
}

/** `null` is valid besides the field's own type. */
function allowNull(schema: JSONSchema): JSONSchema {
  const result = without(schema, 'not');
  if (typeof result.type === 'string') {
    result.type = [result.type, 'null'];
  }
  if (Array.isArray(result.enum)) {
    result.enum = [...result.enum, null];
  }
  return result;
}

function without(schema: JSONSchema, keyword: string): JSONSchema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== keyword));
}
