import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from '@hookline/contracts';

/** Strict validation of every HTTP input: unknown fields refused, messages name the field path. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
}
