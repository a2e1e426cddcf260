import { HttpException, type HttpStatus } from '@nestjs/common';

/**
 * Base of each feature's exception: a code from the feature's enum (UPPER_SNAKE_CASE, e.g.
 * `WEBHOOK_NOT_FOUND`), the HTTP status the feature maps it to, and a message that says what was
 * wrong and how to fix it. `ApiExceptionFilter` renders it as the API's one error body.
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

/**
 * The base class of one feature's exception, from the table of its codes and the status of each:
 * `class RelayException extends codedHttpException({ RELAY_DISABLED: HttpStatus.SERVICE_UNAVAILABLE })`,
 * then one static factory per case, so a code outside the table does not compile.
 */
export function codedHttpException<Code extends string>(statusOf: Readonly<Record<Code, HttpStatus>>) {
  return class extends CodedHttpException<Code> {
    constructor(code: Code, message: string | string[]) {
      super(code, statusOf[code], message);
    }
  };
}
