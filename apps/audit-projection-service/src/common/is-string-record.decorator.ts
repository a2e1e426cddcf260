import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A flat JSON object whose values are all strings, as HTTP headers are. */
export function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === 'string')
  );
}

export function IsStringRecord(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringRecord',
      validator: {
        validate: (value: unknown) => isStringRecord(value),
        defaultMessage: () => '$property must be an object of string values',
      },
    },
    options,
  );
}
