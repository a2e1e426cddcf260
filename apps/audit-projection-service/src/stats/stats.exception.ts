import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

export class StatsException extends codedHttpException({
  WEBHOOK_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_RANGE: HttpStatus.BAD_REQUEST,
}) {
  static webhookNotFound(webhookId: string): StatsException {
    return new StatsException('WEBHOOK_NOT_FOUND', `webhook ${webhookId} not found`);
  }

  static invalidRange(reason: string): StatsException {
    return new StatsException('INVALID_RANGE', reason);
  }
}

export type StatsErrorCode = StatsException['code'];
