import { ValidationError, validateSync } from 'class-validator';

/** Strict validation used for every message that crosses a process: unknown fields are refused. */
export function validateInstance(instance: object): ValidationError[] {
  return validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: true, value: false },
  });
}

/**
 * Flattens nested class-validator errors into sentences that start with the field's full path,
 * e.g. `data.customer.phone must be a string`, `events[1].data.nope is not allowed`.
 */
export function flattenValidationErrors(errors: readonly ValidationError[], parentPath = ''): string[] {
  const messages: string[] = [];
  for (const error of errors) {
    const path = Array.isArray(error.target)
      ? `${parentPath}[${error.property}]`
      : parentPath
        ? `${parentPath}.${error.property}`
        : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      messages.push(describeConstraint(constraint, message, error.property, path));
    }
    if (error.children !== undefined && error.children.length > 0) {
      messages.push(...flattenValidationErrors(error.children, path));
    }
  }
  return [...new Set(messages)];
}

function describeConstraint(constraint: string, message: string, property: string, path: string): string {
  if (constraint === 'whitelistValidation') {
    return `${path} is not allowed`;
  }
  if (constraint === 'nestedValidation') {
    return `${path} must be an object`;
  }
  if (message.startsWith(`${property} `)) {
    return `${path}${message.slice(property.length)}`;
  }
  const eachPrefix = `each value in ${property} `;
  if (message.startsWith(eachPrefix)) {
    return `each value in ${path} ${message.slice(eachPrefix.length)}`;
  }
  return `${path}: ${message}`;
}
