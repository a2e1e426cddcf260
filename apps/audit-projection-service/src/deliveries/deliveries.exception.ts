import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

export enum DeliveryLogErrorCode {
  WebhookNotFound = 'WEBHOOK_NOT_FOUND',
  DeliveryNotFound = 'DELIVERY_NOT_FOUND',
  InvalidCursor = 'INVALID_CURSOR',
}

const STATUS: Record<DeliveryLogErrorCode, HttpStatus> = {
  [DeliveryLogErrorCode.WebhookNotFound]: HttpStatus.NOT_FOUND,
  [DeliveryLogErrorCode.DeliveryNotFound]: HttpStatus.NOT_FOUND,
  [DeliveryLogErrorCode.InvalidCursor]: HttpStatus.BAD_REQUEST,
};

/** Errors of the delivery log; the platform's filter renders them as `{statusCode, error, message}`. */
export class DeliveryLogException extends codedHttpException(STATUS) {
  static webhookNotFound(webhookId: string): DeliveryLogException {
    return new DeliveryLogException(DeliveryLogErrorCode.WebhookNotFound, `webhook ${webhookId} not found`);
  }

  static deliveryNotFound(deliveryId: string): DeliveryLogException {
    return new DeliveryLogException(
      DeliveryLogErrorCode.DeliveryNotFound,
      `delivery ${deliveryId} not found`,
    );
  }

  static invalidCursor(): DeliveryLogException {
    return new DeliveryLogException(
      DeliveryLogErrorCode.InvalidCursor,
      'cursor must be a nextCursor value returned by this endpoint',
    );
  }
}
