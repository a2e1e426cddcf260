import { HttpException, HttpStatus } from '@nestjs/common';

export enum DeliveryLogErrorCode {
  WebhookNotFound = 'webhook_not_found',
  DeliveryNotFound = 'delivery_not_found',
  InvalidCursor = 'invalid_cursor',
}

const HTTP_STATUS: Record<DeliveryLogErrorCode, HttpStatus> = {
  [DeliveryLogErrorCode.WebhookNotFound]: HttpStatus.NOT_FOUND,
  [DeliveryLogErrorCode.DeliveryNotFound]: HttpStatus.NOT_FOUND,
  [DeliveryLogErrorCode.InvalidCursor]: HttpStatus.BAD_REQUEST,
};

const ERROR_NAME: Record<HttpStatus.NOT_FOUND | HttpStatus.BAD_REQUEST, string> = {
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
};

/** Errors of the delivery log; the platform's filter renders them as `{statusCode, error, message}`. */
export class DeliveryLogException extends HttpException {
  constructor(
    readonly code: DeliveryLogErrorCode,
    message: string,
  ) {
    const status = HTTP_STATUS[code];
    super(
      { statusCode: status, error: ERROR_NAME[status as keyof typeof ERROR_NAME], message, code },
      status,
    );
  }

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
