import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

export enum StatsErrorCode {
  WebhookNotFound = 'WEBHOOK_NOT_FOUND',
  InvalidRange = 'INVALID_RANGE',
}

const STATUS: Record<StatsErrorCode, HttpStatus> = {
  [StatsErrorCode.WebhookNotFound]: HttpStatus.NOT_FOUND,
  [StatsErrorCode.InvalidRange]: HttpStatus.BAD_REQUEST,
};

export class StatsException extends codedHttpException(STATUS) {
  static webhookNotFound(webhookId: string): StatsException {
    return new StatsException(StatsErrorCode.WebhookNotFound, `webhook ${webhookId} not found`);
  }

  static invalidRange(reason: string): StatsException {
    return new StatsException(StatsErrorCode.InvalidRange, reason);
  }
}
