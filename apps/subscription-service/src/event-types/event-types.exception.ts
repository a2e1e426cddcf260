import { HttpStatus } from '@nestjs/common';
import { EVENT_TYPES } from '@hookline/contracts';
import { codedHttpException } from '@hookline/platform';
import { closestMatch } from '../common/closest-match';

export enum EventTypeErrorCode {
  NotFound = 'EVENT_TYPE_NOT_FOUND',
}

const STATUS: Record<EventTypeErrorCode, HttpStatus> = {
  [EventTypeErrorCode.NotFound]: HttpStatus.NOT_FOUND,
};

export class EventTypeException extends codedHttpException(STATUS) {
  /** Names the type and, when one is close, the type that was probably meant. */
  static notFound(type: string): EventTypeException {
    const suggestion = closestMatch(type, EVENT_TYPES);
    const hint = suggestion === null ? 'GET /v1/event-types lists them' : `did you mean "${suggestion}"?`;
    return new EventTypeException(
      EventTypeErrorCode.NotFound,
      `event type "${type}" is not in the catalog; ${hint}`,
    );
  }
}
