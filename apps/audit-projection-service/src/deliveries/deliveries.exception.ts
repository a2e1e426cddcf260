import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

/** Errors of the delivery log; the platform's filter renders them as `{statusCode, error, message}`. */
export class DeliveryLogException extends codedHttpException({
  WEBHOOK_NOT_FOUND: HttpStatus.NOT_FOUND,
  DELIVERY_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_CURSOR: HttpStatus.BAD_REQUEST,
}) {
  static webhookNotFound(webhookId: string): DeliveryLogException {
    return new DeliveryLogException('WEBHOOK_NOT_FOUND', `webhook ${webhookId} not found`);
  }

  static deliveryNotFound(deliveryId: string): DeliveryLogException {
    return new DeliveryLogException('DELIVERY_NOT_FOUND', `delivery ${deliveryId} not found`);
  }

  static invalidCursor(): DeliveryLogException {
    return new DeliveryLogException(
      'INVALID_CURSOR',
      'cursor must be a nextCursor value returned by this endpoint',
    );
  }
}

export type DeliveryLogErrorCode = DeliveryLogException['code'];
