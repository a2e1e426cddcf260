import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/**
 * An integer variable from `min` to `max`: the raw string is read as a number, then checked, so
 * `abc`, `1.5` or a value out of range stops the boot naming the variable and its bounds.
 */
export const IntegerEnv = (min: number, max: number): PropertyDecorator =>
  // Listed bottom-up, as stacked decorators apply, so the messages keep their order.
  applyDecorators(
    Max(max),
    Min(min),
    IsInt(),
    Transform(({ value }: { value: unknown }) => Number(value)),
  );
