import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when present it is validated, null included. Unlike
 * `@IsOptional()`, which lets `null` through to a NOT NULL column.
 */
export const Omittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
