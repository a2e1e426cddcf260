import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe } from '@hookline/platform';

export type BodyValidation<T> = { ok: true; value: T } | { ok: false; messages: string[] };

/** Runs a body through the service's global ValidationPipe, as a request would. */
export async function validateBody<T extends object>(
  dto: new () => T,
  body: unknown,
): Promise<BodyValidation<T>> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: dto };
  try {
    return { ok: true, value: (await createValidationPipe().transform(body, metadata)) as T };
  } catch (error) {
    if (!(error instanceof BadRequestException)) {
      throw error;
    }
    const { message } = error.getResponse() as { message: string | string[] };
    return { ok: false, messages: Array.isArray(message) ? message : [message] };
  }
}
