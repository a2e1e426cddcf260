import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../validation';
import { compiledDataValidator } from './compiled-data-validator';
import { findEventType } from './event-catalog';
import type { EventTypeDefinition } from './event-type-definition';

export type EventDataValidation = { ok: true; value: object } | { ok: false; errors: string[] };

const DATA_PATH = 'data';

/**
 * Validates the `data` of an event of type `type` against that type's DTO in the catalog.
 * On success `value` is the data as given.
 */
export function validateEventData(type: string, data: unknown): EventDataValidation {
  const definition = findEventType(type);
  if (definition === undefined) {
    return { ok: false, errors: [`unknown event type "${type}"`] };
  }
  return validateDataAgainst(definition, data);
}

/**
 * Validates `data` against the DTO of `definition`.
 * Unknown fields are refused; each error is one sentence naming the field's full path,
 * e.g. `data.customer.phone must be a string`, one per field (the most basic failure first).
 */
function validateDataAgainst(definition: EventTypeDefinition, data: unknown): EventDataValidation {
  if (!isPlainObject(data)) {
    return { ok: false, errors: [`${DATA_PATH} must be an object`] };
  }
  // The compiled check accepts nothing class-validator refuses; what it refuses, class-validator
  // judges again, and names the field.
  if (compiledDataValidator(definition.dataClass)(data)) {
    return { ok: true, value: data };
  }
  return validateWithDecorators(definition, data);
}

/** class-validator's verdict on `data`, with its messages: the path for what the compiled check refused. */
export function validateWithDecorators(definition: EventTypeDefinition, data: unknown): EventDataValidation {
  if (!isPlainObject(data)) {
    return { ok: false, errors: [`${DATA_PATH} must be an object`] };
  }

  const value = plainToInstance(definition.dataClass, data);
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: true, value: false },
  });
  if (errors.length > 0) {
    return { ok: false, errors: flattenValidationErrors(errors, DATA_PATH) };
  }
  return { ok: true, value };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
