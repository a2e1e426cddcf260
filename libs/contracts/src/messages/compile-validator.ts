import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JSONSchema } from '../catalog/json-schema.type';
import { FORMAT_DESCRIPTIONS, newAjv } from './ajv';
import { DEFS_PREFIX } from './schema-parts';

/** Accepted as `T`, or refused with every problem named by its field. */
export type Validated<T> = { ok: true; value: T } | { ok: false; reason: string };

// Accepting is the hot path: the first problem is enough to refuse. The second compilation
// collects every problem, and only runs on what the first refused.
const fast = newAjv(false);
const thorough = newAjv(true);

const SUMMARY_KEYWORDS = new Set(['if', 'oneOf', 'anyOf']);

/**
 * Compiles `schema` once into a yes/no check, for a fast path whose refusals are explained by
 * something else (an HTTP DTO's decorators). Throws at start-up if it is not valid JSON Schema.
 */
export function compileSchemaCheck(schema: JSONSchema): (value: unknown) => boolean {
  const accepts = fast.compile(schema);
  return (value: unknown) => accepts(value);
}

/**
 * Compiles the message `name` of `schemas` once and returns its validator. `schemas` holds every
 * named schema its `$ref`s point at. Throws at start-up if a schema is not valid JSON Schema.
 */
export function compileMessageValidator<T>(
  schemas: Record<string, JSONSchema>,
  name: string,
  what: string,
): (value: unknown) => Validated<T> {
  const root = { $defs: schemas, $ref: `${DEFS_PREFIX}${name}` };
  const accepts = fast.compile<T>(root);
  let explain: ValidateFunction<T> | null = null;
  return (value: unknown): Validated<T> => {
    if (accepts(value)) {
      return { ok: true, value };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, reason: `${what} must be a JSON object` };
    }
    explain ??= thorough.compile<T>(root);
    explain(value);
    const errors = explain.errors ?? accepts.errors ?? [];
    // `if` and `oneOf` only sum up the errors of their branches, which are listed themselves; an object
    // refused by a nullable union fails its null branch too, which says nothing about what is wrong.
    const specific = errors.filter(
      (error) => !SUMMARY_KEYWORDS.has(error.keyword) && !isNullBranchOfUnion(error),
    );
    const problems = [...new Set((specific.length > 0 ? specific : errors).map(describeError))];
    return { ok: false, reason: `invalid ${what}: ${problems.join('; ')}` };
  };
}

function isNullBranchOfUnion(error: ErrorObject): boolean {
  return (
    error.keyword === 'type' &&
    (error.params as { type?: unknown }).type === 'null' &&
    /\/(oneOf|anyOf)\/\d+\/type$/.test(error.schemaPath)
  );
}

/** One ajv error as a sentence that starts with the field's path, e.g. `payload.id must not be empty`. */
export function describeError(error: ErrorObject): string {
  const path = pathOf(error.instancePath);
  const subject = path === '' ? 'value' : path;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${joinPath(path, String(params.missingProperty))} is required`;
    case 'type':
      return `${subject} must be ${describeTypes(String(params.type))}`;
    case 'minLength':
      return params.limit === 1
        ? `${subject} must not be empty`
        : `${subject} must be at least ${String(params.limit)} characters`;
    case 'maxLength':
      return `${subject} must be at most ${String(params.limit)} characters`;
    case 'minimum':
      return `${subject} must be ${integerOr(error)}≥ ${String(params.limit)}`;
    case 'maximum':
      return `${subject} must be ${integerOr(error)}≤ ${String(params.limit)}`;
    case 'exclusiveMinimum':
      return `${subject} must be > ${String(params.limit)}`;
    case 'minItems':
      return `${subject} must hold at least ${items(params.limit)}`;
    case 'maxItems':
      return `${subject} must hold at most ${items(params.limit)}`;
    case 'enum':
      return `${subject} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `${subject} must be ${String(params.allowedValue)}`;
    case 'format':
      return `${subject} must be ${FORMAT_DESCRIPTIONS[String(params.format)] ?? String(params.format)}`;
    case 'pattern':
      return `${subject} must be an id (letters, digits and _ . : -, at most 128)`;
    case 'discriminator': {
      const tag = joinPath(path, String(params.tag));
      const branches =
        (error.parentSchema?.oneOf as Array<{ properties: { type: { const: string } } }>) ?? [];
      return `${tag} must be one of ${branches.map((branch) => branch.properties.type.const).join(', ')}`;
    }
    default:
      return `${subject} ${error.message ?? 'is invalid'}`;
  }
}

function integerOr(error: ErrorObject): string {
  const type: unknown = error.parentSchema?.type;
  return type === 'integer' || (Array.isArray(type) && type.includes('integer')) ? 'an integer ' : '';
}

function items(limit: unknown): string {
  return limit === 1 ? '1 item' : `${String(limit)} items`;
}

function pathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : joinPath(path, part)), '');
}

function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function describeTypes(types: string): string {
  const names = types
    .split(',')
    .map((type) => (type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`));
  return names.join(' or ');
}
