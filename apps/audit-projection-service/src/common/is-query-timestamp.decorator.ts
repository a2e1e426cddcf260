import { applyDecorators } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import { IsTimestamp } from './is-timestamp.decorator';
import { LATEST_TIMESTAMP, isWithinTimestampRange } from './timestamp-range';

/** A timestamp a caller sends to query the log: `@IsTimestamp()`, and not past `LATEST_TIMESTAMP`. */
export const IsQueryTimestamp = () =>
  applyDecorators(
    IsTimestamp(),
    ValidateBy({
      name: 'isWithinTimestampRange',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || isWithinTimestampRange(Date.parse(value)),
        defaultMessage: () => `$property must be at or before ${LATEST_TIMESTAMP.toISOString()}`,
      },
    }),
  );
