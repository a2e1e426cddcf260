import { HttpException, HttpStatus } from '@nestjs/common';

export enum RecoveryErrorCode {
  DeliveryNotFound = 'delivery_not_found',
  WebhookNotFound = 'webhook_not_found',
  WebhookDeleted = 'webhook_deleted',
  DeliveryInProgress = 'delivery_in_progress',
  PayloadNotRetained = 'payload_not_retained',
  InvalidSince = 'invalid_since',
}

type RecoveryStatus = HttpStatus.NOT_FOUND | HttpStatus.CONFLICT | HttpStatus.GONE | HttpStatus.BAD_REQUEST;

const HTTP_STATUS: Record<RecoveryErrorCode, RecoveryStatus> = {
  [RecoveryErrorCode.DeliveryNotFound]: HttpStatus.NOT_FOUND,
  [RecoveryErrorCode.WebhookNotFound]: HttpStatus.NOT_FOUND,
  [RecoveryErrorCode.WebhookDeleted]: HttpStatus.CONFLICT,
  [RecoveryErrorCode.DeliveryInProgress]: HttpStatus.CONFLICT,
  [RecoveryErrorCode.PayloadNotRetained]: HttpStatus.GONE,
  [RecoveryErrorCode.InvalidSince]: HttpStatus.BAD_REQUEST,
};

const ERROR_NAME: Record<RecoveryStatus, string> = {
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.CONFLICT]: 'Conflict',
  [HttpStatus.GONE]: 'Gone',
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
};

/** Why a redelivery or recovery cannot be asked for; the platform's filter renders the body. */
export class RecoveryException extends HttpException {
  constructor(
    readonly code: RecoveryErrorCode,
    message: string,
  ) {
    const status = HTTP_STATUS[code];
    super({ statusCode: status, error: ERROR_NAME[status], message, code }, status);
  }

  static deliveryNotFound(deliveryId: string): RecoveryException {
    return new RecoveryException(RecoveryErrorCode.DeliveryNotFound, `delivery ${deliveryId} not found`);
  }

  static webhookNotFound(webhookId: string): RecoveryException {
    return new RecoveryException(RecoveryErrorCode.WebhookNotFound, `webhook ${webhookId} not found`);
  }

  static webhookDeleted(webhookId: string): RecoveryException {
    return new RecoveryException(
      RecoveryErrorCode.WebhookDeleted,
      `webhook ${webhookId} was deleted; its log stays readable but nothing is sent to it any more`,
    );
  }

  static deliveryInProgress(
    deliveryId: string,
    status: string,
    nextAttemptAt: Date | null,
  ): RecoveryException {
    const next = nextAttemptAt === null ? '' : `; its next attempt is due at ${nextAttemptAt.toISOString()}`;
    return new RecoveryException(
      RecoveryErrorCode.DeliveryInProgress,
      `delivery ${deliveryId} is ${status}${next}: redeliver it once it has succeeded, failed or expired`,
    );
  }

  static payloadNotRetained(deliveryId: string, retentionDays: number): RecoveryException {
    return new RecoveryException(
      RecoveryErrorCode.PayloadNotRetained,
      `the payload of delivery ${deliveryId} is no longer kept (payloads are kept ${retentionDays} days after their event occurred)`,
    );
  }

  static invalidSince(reason: string): RecoveryException {
    return new RecoveryException(RecoveryErrorCode.InvalidSince, `since ${reason}`);
  }
}
