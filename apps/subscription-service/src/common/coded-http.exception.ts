import { HttpException, type HttpStatus } from '@nestjs/common';

/**
 * Base of each feature's exception: a code from the feature's enum, the HTTP status the
 * feature maps it to, and a message that says what was wrong and how to fix it.
 */
export class CodedHttpException<Code extends string> extends HttpException {
  constructor(
    readonly code: Code,
    status: HttpStatus,
    message: string | string[],
  ) {
    super({ message, code }, status);
  }
}
