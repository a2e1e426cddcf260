import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type PipeTransform,
  type ValidationError,
} from '@nestjs/common';
import { flattenValidationErrors } from '@hookline/contracts';
import { compiledInputCheck } from './compiled-input';

/**
 * Strict validation of every HTTP input: unknown fields refused, messages name the field path. An
 * input DTO with a `@CompiledInput` check takes its fast path first; what it refuses, and every
 * other DTO, goes through class-validator.
 */
export function createValidationPipe(): PipeTransform {
  const thorough = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: true, value: false },
    exceptionFactory: (errors: ValidationError[]) =>
      new BadRequestException({
        error: 'Bad Request',
        message: flattenValidationErrors(errors),
      }),
  });
  return {
    transform(value: unknown, metadata: ArgumentMetadata): unknown {
      const check = compiledInputCheck(metadata.metatype);
      return check?.(value) ? value : thorough.transform(value, metadata);
    },
  };
}
