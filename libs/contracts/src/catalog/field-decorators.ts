import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import type { JSONSchema } from './json-schema.type';

/*
 * Named stacks of class-validator decorators for catalog DTOs.
 * Each stack starts with its most basic check, so that with `stopAtFirstError`
 * a field reports one message that says what is wrong first (missing, then type, then range).
 */

type FieldDecorator = (target: object, propertyKey: string) => void;
type ClassRef = () => new () => object;

const nullableFields = new WeakMap<object, Set<string>>();

/**
 * What a field's stack accepts, as JSON Schema, recorded next to its decorators so the two are
 * written in one place. A nested DTO is referred to by its class and inlined when compiled.
 */
export type FieldSchema = JSONSchema | { nested: ClassRef; list?: { minItems: number; maxItems: number } };
const fieldSchemas = new WeakMap<object, Map<string, FieldSchema>>();

function withSchema(schema: FieldSchema): FieldDecorator {
  return (target, propertyKey) => {
    const fields = fieldSchemas.get(target.constructor) ?? new Map<string, FieldSchema>();
    fields.set(propertyKey, schema);
    fieldSchemas.set(target.constructor, fields);
  };
}

/** The schema of each field of `dataClass` (inherited ones included), as its stack recorded it. */
export function getFieldSchemas(dataClass: new () => object): ReadonlyMap<string, FieldSchema> {
  const chain: unknown[] = [];
  for (let proto: unknown = dataClass; typeof proto === 'function'; proto = Object.getPrototypeOf(proto)) {
    chain.unshift(proto);
  }
  const merged = new Map<string, FieldSchema>();
  for (const proto of chain) {
    for (const [name, schema] of fieldSchemas.get(proto as object) ?? []) {
      merged.set(name, schema);
    }
  }
  return merged;
}

function compose(...decorators: FieldDecorator[]): FieldDecorator {
  return (target, propertyKey) => {
    for (const decorate of decorators) {
      decorate(target, propertyKey);
    }
  };
}

function requiredMessage({ property, value }: ValidationArguments): string {
  return value === null ? `${property} must not be null` : `${property} is required`;
}

/** The key must be present; `null` only where the field is also `@Nullable()`. */
export function IsRequired(): FieldDecorator {
  return compose(IsDefined({ message: requiredMessage }));
}

/**
 * The key must be present and its value may be `null` (written `T | null` on the field).
 * Validation of the other decorators is skipped for `null`.
 */
export function Nullable(): FieldDecorator {
  return (target, propertyKey) => {
    ValidateIf((_object: object, value: unknown) => value !== null)(target, propertyKey);
    const fields = nullableFields.get(target.constructor) ?? new Set<string>();
    fields.add(propertyKey);
    nullableFields.set(target.constructor, fields);
  };
}

/** Names of the fields of `dataClass` declared `@Nullable()` (for JSON Schema generation). */
export function getNullableFields(dataClass: new () => object): readonly string[] {
  const names = new Set<string>();
  for (let proto: unknown = dataClass; typeof proto === 'function'; proto = Object.getPrototypeOf(proto)) {
    for (const name of nullableFields.get(proto) ?? []) {
      names.add(name);
    }
  }
  return [...names];
}

/** A non-empty string of at most `maxLength` characters. */
export function IsText(maxLength = 255): FieldDecorator {
  return compose(
    IsRequired(),
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
    withSchema({ type: 'string', minLength: 1, maxLength }),
  );
}

/** An opaque identifier chosen by the producing product: no whitespace, at most 128 characters. */
export function IsIdentifier(): FieldDecorator {
  return compose(
    IsRequired(),
    IsString(),
    IsNotEmpty(),
    MaxLength(128),
    Matches(/^\S+$/, { message: '$property must not contain whitespace' }),
    withSchema({ type: 'string', minLength: 1, maxLength: 128, pattern: '^\\S+$' }),
  );
}

/** A UUID string (any version). */
export function IsUuid(): FieldDecorator {
  return compose(IsRequired(), IsString(), IsUUID('all'), withSchema({ type: 'string', format: 'any-uuid' }));
}

/** An ISO 8601 date-time with a UTC offset, e.g. `2026-11-22T10:00:00.000Z`. */
export function IsTimestamp(): FieldDecorator {
  return compose(
    IsRequired(),
    IsString(),
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
      message: '$property must be a date-time with a UTC offset, e.g. 2026-11-22T10:00:00.000Z',
    }),
    withSchema({ type: 'string', format: 'timestamp' }),
  );
}

/** A calendar date `YYYY-MM-DD`. */
export function IsCalendarDate(): FieldDecorator {
  return compose(
    IsRequired(),
    IsString(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date formatted YYYY-MM-DD' }),
    IsISO8601({ strict: true }),
    withSchema({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'iso8601' }),
  );
}

/** An absolute `https://` URL of at most 2048 characters. */
export function IsHttpsUrl(): FieldDecorator {
  return compose(
    IsRequired(),
    IsString(),
    MaxLength(2048),
    IsUrl(
      { protocols: ['https'], require_protocol: true, require_valid_protocol: true },
      { message: '$property must be an https URL' },
    ),
    withSchema({ type: 'string', maxLength: 2048, format: 'https-url' }),
  );
}

/** An email address. */
export function IsEmailAddress(): FieldDecorator {
  return compose(
    IsRequired(),
    IsString(),
    MaxLength(254),
    IsEmail(),
    withSchema({ type: 'string', maxLength: 254, format: 'email-address' }),
  );
}

/** An ISO 3166-1 alpha-2 country code, e.g. `US`. */
export function IsCountryCode(): FieldDecorator {
  return isIsoCode(IsISO31661Alpha2(), 'country-code');
}

/** An ISO 4217 currency code, e.g. `USD`. */
export function IsCurrencyCode(): FieldDecorator {
  return isIsoCode(IsISO4217CurrencyCode(), 'currency-code');
}

// The compiled check knows the code lists by their format name; class-validator by its own validator.
function isIsoCode(isCode: FieldDecorator, format: string): FieldDecorator {
  return compose(IsRequired(), IsString(), isCode, withSchema({ type: 'string', format }));
}

/** One of `values`. */
export function IsOneOf(values: readonly string[]): FieldDecorator {
  return compose(IsRequired(), IsIn([...values]), withSchema({ enum: [...values] }));
}

/** An integer of at least `min` (and at most `max` when given). */
export function IsCount(min = 0, max?: number): FieldDecorator {
  const range = max === undefined ? [Min(min)] : [Min(min), Max(max)];
  return compose(
    IsRequired(),
    IsInt(),
    ...range,
    withSchema({ type: 'integer', minimum: min, ...(max === undefined ? {} : { maximum: max }) }),
  );
}

/** A non-negative integer amount in the currency's minor unit (cents; whole units for zero-decimal currencies). */
export function IsMinorAmount(): FieldDecorator {
  return compose(IsRequired(), IsInt(), Min(0), withSchema({ type: 'integer', minimum: 0 }));
}

/** A finite, non-negative number (measures such as areas and lengths). */
export function IsMeasure(): FieldDecorator {
  return compose(
    IsRequired(),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0),
    withSchema({ type: 'number', minimum: 0 }),
  );
}

/** A boolean. */
export function IsFlag(): FieldDecorator {
  return compose(IsRequired(), IsBoolean(), withSchema({ type: 'boolean' }));
}

/** A nested object validated against `classRef`. */
export function IsNestedObject(classRef: ClassRef): FieldDecorator {
  return compose(
    IsRequired(),
    IsObject(),
    ValidateNested(),
    Type(classRef),
    withSchema({ nested: classRef }),
  );
}

/** A list of `minSize`..`maxSize` nested objects, each validated against `classRef`. */
export function IsNestedList(classRef: ClassRef, minSize = 0, maxSize = 500): FieldDecorator {
  return compose(
    IsRequired(),
    IsArray(),
    ArrayMinSize(minSize),
    ArrayMaxSize(maxSize),
    ValidateNested({ each: true }),
    Type(classRef),
    withSchema({ nested: classRef, list: { minItems: minSize, maxItems: maxSize } }),
  );
}

/** A non-empty list of distinct field names taken from `fieldNames` (e.g. `changedFields` of an update). */
export function IsFieldNameList(fieldNames: readonly string[]): FieldDecorator {
  return compose(
    IsRequired(),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(fieldNames.length),
    IsIn([...fieldNames], { each: true }),
    ArrayUnique({ message: '$property must not list a field twice' }),
    withSchema({
      type: 'array',
      minItems: 1,
      maxItems: fieldNames.length,
      items: { enum: [...fieldNames] },
      uniqueItems: true,
    }),
  );
}

/** The name of a catalog event type, `<resource>.<action>`. */
export function IsEventTypeName(): FieldDecorator {
  return compose(
    IsRequired(),
    IsString(),
    MaxLength(100),
    Matches(/^[a-z_]+\.[a-z_]+$/, { message: '$property must be an event type such as job.created' }),
    withSchema({ type: 'string', maxLength: 100, pattern: '^[a-z_]+\\.[a-z_]+$' }),
  );
}
