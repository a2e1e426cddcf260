import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

export enum RecoveryErrorCode {
  DeliveryNotFound = 'DELIVERY_NOT_FOUND',
  WebhookNotFound = 'WEBHOOK_NOT_FOUND',
  WebhookDeleted = 'WEBHOOK_DELETED',
  DeliveryInProgress = 'DELIVERY_IN_PROGRESS',
  PayloadNotRetained = 'PAYLOAD_NOT_RETAINED',
  InvalidSince = 'INVALID_SINCE',
}

const STATUS: Record<RecoveryErrorCode, HttpStatus> = {
  [RecoveryErrorCode.DeliveryNotFound]: HttpStatus.NOT_FOUND,
  [RecoveryErrorCode.WebhookNotFound]: HttpStatus.NOT_FOUND,
  [RecoveryErrorCode.WebhookDeleted]: HttpStatus.CONFLICT,
  [RecoveryErrorCode.DeliveryInProgress]: HttpStatus.CONFLICT,
  [RecoveryErrorCode.PayloadNotRetained]: HttpStatus.GONE,
  [RecoveryErrorCode.InvalidSince]: HttpStatus.BAD_REQUEST,
};

/** Why a redelivery or recovery cannot be asked for; the platform's filter renders the body. */
export class RecoveryException extends codedHttpException(STATUS) {
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
