import { applyDecorators } from '@nestjs/common';
import { IsISO8601, IsString, Matches } from 'class-validator';

/** ISO 8601 date-time with an explicit UTC offset: without one, Postgres would guess the zone. */
export const IsTimestamp = () =>
  applyDecorators(
    IsString(),
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
      message: '$property must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-22T10:00:00.000Z',
    }),
  );
