import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of an OpenAPI 3 schema the fuzzer generates from. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  example?: unknown;
}

export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  /** OpenAPI form, e.g. `/v1/webhooks/{id}`. */
  path: string;
  parameters: Parameter[];
  body: Schema | null;
}

export interface ServiceDocument {
  operations: Operation[];
  /** Follows `$ref`s into `components.schemas`. */
  resolve(schema: Schema): Schema;
}

interface RawDocument {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

const OPENAPI_DIR = path.resolve(__dirname, '../../../docs/openapi');

/** Every operation of a service's committed OpenAPI document, the fuzzer's list of routes. */
export function loadServiceDocument(app: string): ServiceDocument {
  const raw = JSON.parse(readFileSync(path.join(OPENAPI_DIR, `${app}.json`), 'utf8')) as RawDocument;
  const schemas = raw.components?.schemas ?? {};
  const resolve = (schema: Schema): Schema => {
    let current = schema;
    while (current.$ref !== undefined) {
      const name = current.$ref.replace('#/components/schemas/', '');
      const target = schemas[name];
      if (target === undefined) {
        throw new Error(`${app}: unresolved $ref ${current.$ref}`);
      }
      current = target;
    }
    return current;
  };
  const operations = Object.entries(raw.paths).flatMap(([route, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path: route,
      parameters: operation.parameters ?? [],
      body: operation.requestBody?.content['application/json']?.schema ?? null,
    })),
  );
  return { operations, resolve };
}
