import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

/**
 * Every error the audit API answers with (delivery log, recovery, statistics); the platform's filter
 * renders them as `{statusCode, error, message}`. One table, so a code means the same on every route.
 */
export class AuditApiException extends codedHttpException({
  WEBHOOK_NOT_FOUND: HttpStatus.NOT_FOUND,
  DELIVERY_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_CURSOR: HttpStatus.BAD_REQUEST,
  INVALID_RANGE: HttpStatus.BAD_REQUEST,
  INVALID_SINCE: HttpStatus.BAD_REQUEST,
  WEBHOOK_DELETED: HttpStatus.CONFLICT,
  DELIVERY_IN_PROGRESS: HttpStatus.CONFLICT,
  PAYLOAD_NOT_RETAINED: HttpStatus.GONE,
}) {
  static webhookNotFound(webhookId: string): AuditApiException {
    return new AuditApiException('WEBHOOK_NOT_FOUND', `webhook ${webhookId} not found`);
  }

  static deliveryNotFound(deliveryId: string): AuditApiException {
    return new AuditApiException('DELIVERY_NOT_FOUND', `delivery ${deliveryId} not found`);
  }

  static invalidCursor(): AuditApiException {
    return new AuditApiException(
      'INVALID_CURSOR',
      'cursor must be a nextCursor value returned by this endpoint',
    );
  }

  static invalidRange(reason: string): AuditApiException {
    return new AuditApiException('INVALID_RANGE', reason);
  }

  static invalidSince(reason: string): AuditApiException {
    return new AuditApiException('INVALID_SINCE', `since ${reason}`);
  }

  static webhookDeleted(webhookId: string): AuditApiException {
    return new AuditApiException(
      'WEBHOOK_DELETED',
      `webhook ${webhookId} was deleted; its log stays readable but nothing is sent to it any more`,
    );
  }

  static deliveryInProgress(
    deliveryId: string,
    status: string,
    nextAttemptAt: Date | null,
  ): AuditApiException {
    const next = nextAttemptAt === null ? '' : `; its next attempt is due at ${nextAttemptAt.toISOString()}`;
    return new AuditApiException(
      'DELIVERY_IN_PROGRESS',
      `delivery ${deliveryId} is ${status}${next}: redeliver it once it has succeeded, failed or expired`,
    );
  }

  static payloadNotRetained(deliveryId: string, retentionDays: number): AuditApiException {
    return new AuditApiException(
      'PAYLOAD_NOT_RETAINED',
      `the payload of delivery ${deliveryId} is no longer kept (payloads are kept ${retentionDays} days after their event occurred)`,
    );
  }
}

export type AuditApiErrorCode = AuditApiException['code'];
