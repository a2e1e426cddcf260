import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A flat JSON object whose values are all strings, as HTTP headers are. */
export function IsStringRecord(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringRecord',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.values(value).every((item) => typeof item === 'string'),
        defaultMessage: () => '$property must be an object of string values',
      },
    },
    options,
  );
}
