import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

/** Why a redelivery or recovery cannot be asked for; the platform's filter renders the body. */
export class RecoveryException extends codedHttpException({
  DELIVERY_NOT_FOUND: HttpStatus.NOT_FOUND,
  WEBHOOK_NOT_FOUND: HttpStatus.NOT_FOUND,
  WEBHOOK_DELETED: HttpStatus.CONFLICT,
  DELIVERY_IN_PROGRESS: HttpStatus.CONFLICT,
  PAYLOAD_NOT_RETAINED: HttpStatus.GONE,
  INVALID_SINCE: HttpStatus.BAD_REQUEST,
}) {
  static deliveryNotFound(deliveryId: string): RecoveryException {
    return new RecoveryException('DELIVERY_NOT_FOUND', `delivery ${deliveryId} not found`);
  }

  static webhookNotFound(webhookId: string): RecoveryException {
    return new RecoveryException('WEBHOOK_NOT_FOUND', `webhook ${webhookId} not found`);
  }

  static webhookDeleted(webhookId: string): RecoveryException {
    return new RecoveryException(
      'WEBHOOK_DELETED',
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
      'DELIVERY_IN_PROGRESS',
      `delivery ${deliveryId} is ${status}${next}: redeliver it once it has succeeded, failed or expired`,
    );
  }

  static payloadNotRetained(deliveryId: string, retentionDays: number): RecoveryException {
    return new RecoveryException(
      'PAYLOAD_NOT_RETAINED',
      `the payload of delivery ${deliveryId} is no longer kept (payloads are kept ${retentionDays} days after their event occurred)`,
    );
  }

  static invalidSince(reason: string): RecoveryException {
    return new RecoveryException('INVALID_SINCE', `since ${reason}`);
  }
}

export type RecoveryErrorCode = RecoveryException['code'];
