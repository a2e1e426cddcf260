import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

export class BackfillException extends codedHttpException({
  BACKFILL_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_BACKFILL: HttpStatus.BAD_REQUEST,
  WEBHOOK_INACTIVE: HttpStatus.CONFLICT,
  BACKFILL_ALREADY_RUNNING: HttpStatus.CONFLICT,
  BACKFILL_FINISHED: HttpStatus.CONFLICT,
}) {
  static notFound(backfillId: string): BackfillException {
    return new BackfillException('BACKFILL_NOT_FOUND', `backfill ${backfillId} not found`);
  }

  static invalid(problems: string[]): BackfillException {
    return new BackfillException('INVALID_BACKFILL', problems);
  }

  static webhookInactive(webhookId: string): BackfillException {
    return new BackfillException(
      'WEBHOOK_INACTIVE',
      `webhook ${webhookId} is inactive; activate it (PATCH active: true) before backfilling it`,
    );
  }

  static alreadyRunning(webhookId: string, backfillId: string): BackfillException {
    return new BackfillException(
      'BACKFILL_ALREADY_RUNNING',
      `webhook ${webhookId} already has backfill ${backfillId} running; wait for it or cancel it`,
    );
  }

  static finished(backfillId: string, status: string): BackfillException {
    return new BackfillException('BACKFILL_FINISHED', `backfill ${backfillId} is already ${status}`);
  }
}
