import { HttpException, HttpStatus } from '@nestjs/common';

export enum StatsErrorCode {
  WebhookNotFound = 'webhook_not_found',
  InvalidRange = 'invalid_range',
}

const HTTP_STATUS: Record<StatsErrorCode, HttpStatus.NOT_FOUND | HttpStatus.BAD_REQUEST> = {
  [StatsErrorCode.WebhookNotFound]: HttpStatus.NOT_FOUND,
  [StatsErrorCode.InvalidRange]: HttpStatus.BAD_REQUEST,
};

const ERROR_NAME: Record<HttpStatus.NOT_FOUND | HttpStatus.BAD_REQUEST, string> = {
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
};

export class StatsException extends HttpException {
  constructor(
    readonly code: StatsErrorCode,
    message: string,
  ) {
    const status = HTTP_STATUS[code];
    super({ statusCode: status, error: ERROR_NAME[status], message, code }, status);
  }

  static webhookNotFound(webhookId: string): StatsException {
    return new StatsException(StatsErrorCode.WebhookNotFound, `webhook ${webhookId} not found`);
  }

  static invalidRange(reason: string): StatsException {
    return new StatsException(StatsErrorCode.InvalidRange, reason);
  }
}
