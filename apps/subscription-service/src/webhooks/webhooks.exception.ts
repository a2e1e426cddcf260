import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

export class WebhookException extends codedHttpException({
  WEBHOOK_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_WEBHOOK: HttpStatus.BAD_REQUEST,
  NOTHING_TO_UPDATE: HttpStatus.BAD_REQUEST,
  INVALID_CURSOR: HttpStatus.BAD_REQUEST,
  UNKNOWN_EVENT_TYPE: HttpStatus.BAD_REQUEST,
  INVALID_SIGNING_SECRET: HttpStatus.BAD_REQUEST,
}) {
  /** Also the answer for another organization's webhook, so ids of other tenants leak nothing. */
  static notFound(webhookId: string): WebhookException {
    return new WebhookException('WEBHOOK_NOT_FOUND', `webhook ${webhookId} not found`);
  }

  static invalidDefinition(problems: string[]): WebhookException {
    return new WebhookException('INVALID_WEBHOOK', problems);
  }

  static nothingToUpdate(fields: readonly string[]): WebhookException {
    return new WebhookException(
      'NOTHING_TO_UPDATE',
      `the body changes nothing; set at least one of ${fields.join(', ')}`,
    );
  }

  static invalidCursor(): WebhookException {
    return new WebhookException(
      'INVALID_CURSOR',
      'cursor is not valid; pass the nextCursor of a previous page, or leave it out for the first page',
    );
  }

  /** `problem` names the field and, when one is close, the type that was probably meant. */
  static unknownEventType(problem: string): WebhookException {
    return new WebhookException('UNKNOWN_EVENT_TYPE', problem);
  }

  /** `reason` is the signing-secret parser's, told about the `key` field. */
  static invalidSigningSecret(reason: string): WebhookException {
    return new WebhookException('INVALID_SIGNING_SECRET', reason.replace(/^signing secret/, 'key'));
  }
}

export type WebhookErrorCode = WebhookException['code'];
