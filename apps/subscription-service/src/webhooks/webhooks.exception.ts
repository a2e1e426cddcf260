import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

export enum WebhookErrorCode {
  NotFound = 'WEBHOOK_NOT_FOUND',
  InvalidDefinition = 'INVALID_WEBHOOK',
  NothingToUpdate = 'NOTHING_TO_UPDATE',
  InvalidCursor = 'INVALID_CURSOR',
  UnknownEventType = 'UNKNOWN_EVENT_TYPE',
  InvalidSigningSecret = 'INVALID_SIGNING_SECRET',
}

const STATUS: Record<WebhookErrorCode, HttpStatus> = {
  [WebhookErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [WebhookErrorCode.InvalidDefinition]: HttpStatus.BAD_REQUEST,
  [WebhookErrorCode.NothingToUpdate]: HttpStatus.BAD_REQUEST,
  [WebhookErrorCode.InvalidCursor]: HttpStatus.BAD_REQUEST,
  [WebhookErrorCode.UnknownEventType]: HttpStatus.BAD_REQUEST,
  [WebhookErrorCode.InvalidSigningSecret]: HttpStatus.BAD_REQUEST,
};

export class WebhookException extends codedHttpException(STATUS) {
  /** Also the answer for another organization's webhook, so ids of other tenants leak nothing. */
  static notFound(webhookId: string): WebhookException {
    return new WebhookException(WebhookErrorCode.NotFound, `webhook ${webhookId} not found`);
  }

  static invalidDefinition(problems: string[]): WebhookException {
    return new WebhookException(WebhookErrorCode.InvalidDefinition, problems);
  }

  static nothingToUpdate(fields: readonly string[]): WebhookException {
    return new WebhookException(
      WebhookErrorCode.NothingToUpdate,
      `the body changes nothing; set at least one of ${fields.join(', ')}`,
    );
  }

  static invalidCursor(): WebhookException {
    return new WebhookException(
      WebhookErrorCode.InvalidCursor,
      'cursor is not valid; pass the nextCursor of a previous page, or leave it out for the first page',
    );
  }

  /** `problem` names the field and, when one is close, the type that was probably meant. */
  static unknownEventType(problem: string): WebhookException {
    return new WebhookException(WebhookErrorCode.UnknownEventType, problem);
  }

  /** `reason` is the signing-secret parser's, told about the `key` field. */
  static invalidSigningSecret(reason: string): WebhookException {
    return new WebhookException(
      WebhookErrorCode.InvalidSigningSecret,
      reason.replace(/^signing secret/, 'key'),
    );
  }
}
