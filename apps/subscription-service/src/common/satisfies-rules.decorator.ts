import { ValidateBy, type ValidationArguments } from 'class-validator';

/**
 * Validates a value with a function that lists every problem it finds, each a sentence that
 * starts with the property name, so the client reads all of them in one answer.
 */
export function SatisfiesRules(findProblems: (value: unknown) => string[]): PropertyDecorator {
  return ValidateBy({
    name: 'satisfiesRules',
    validator: {
      validate: (value: unknown) => findProblems(value).length === 0,
      defaultMessage: (args?: ValidationArguments) => findProblems(args?.value).join('; '),
    },
  });
}

/** The property may not be set (given the rest of the object); the message says why. */
export function NotAllowed(message: string): PropertyDecorator {
  return ValidateBy({
    name: 'notAllowed',
    validator: { validate: (value: unknown) => value === undefined, defaultMessage: () => message },
  });
}

export interface RequiredTextOptions {
  /** Why it is required, e.g. `with auth type basic`. */
  requiredWhen: string;
  maxLength: number;
  /** Characters the value may hold, and the sentence (after the property name) when it holds others. */
  allowed: RegExp;
  allowedMessage: string;
}

/** A required string, checked as one rule so a client reads the one problem that matters first. */
export function RequiredText({
  requiredWhen,
  maxLength,
  allowed,
  allowedMessage,
}: RequiredTextOptions): PropertyDecorator {
  const problemOf = (value: unknown): string | null => {
    if (value === undefined || value === null) {
      return `is required ${requiredWhen}`;
    }
    if (typeof value !== 'string') {
      return 'must be a string';
    }
    if (value.length === 0 || value.length > maxLength) {
      return `must be 1-${maxLength} characters`;
    }
    return allowed.test(value) ? null : allowedMessage;
  };
  return ValidateBy({
    name: 'requiredText',
    validator: {
      validate: (value: unknown) => problemOf(value) === null,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'value'} ${problemOf(args?.value) ?? ''}`,
    },
  });
}
