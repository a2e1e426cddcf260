import { registerDecorator, type ValidationArguments } from 'class-validator';

/**
 * Validates a string with the parser that will consume it, so the error an operator reads is
 * the parser's own (e.g. which CIDR or keyring entry is wrong).
 */
export function IsParsableBy(parse: (value: string) => unknown) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name: 'isParsableBy',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseProblem(parse, value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          typeof args?.value === 'string'
            ? (parseProblem(parse, args.value) ?? 'is invalid')
            : `${propertyName} must be a string`,
      },
    });
  };
}

function parseProblem(parse: (value: string) => unknown, value: string): string | null {
  try {
    parse(value);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
