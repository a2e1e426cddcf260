import { ValidateIf } from 'class-validator';

/** The key must be present; `null` is accepted and skips the field's other checks. */
export const Nullable = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== null);
