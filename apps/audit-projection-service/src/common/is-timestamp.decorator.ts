import { applyDecorators } from '@nestjs/common';
import { IsISO8601, IsString, Matches, isISO8601, isString, matches } from 'class-validator';

const ISO8601_OPTIONS = { strict: true, strictSeparator: true };
const WITH_UTC_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 date-time with an explicit UTC offset: without one, Postgres would guess the zone. */
export const IsTimestamp = () =>
  applyDecorators(
    IsString(),
    IsISO8601(ISO8601_OPTIONS),
    Matches(WITH_UTC_OFFSET, {
      message: '$property must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-22T10:00:00.000Z',
    }),
  );

/** What `@IsTimestamp()` accepts, with the same class-validator checks. */
export function isTimestamp(value: unknown): value is string {
  return isString(value) && isISO8601(value, ISO8601_OPTIONS) && matches(value, WITH_UTC_OFFSET);
}
