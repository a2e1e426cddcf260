import { HttpStatus } from '@nestjs/common';
import { EVENT_TYPES } from '@hookline/contracts';
import { closestMatch } from '../common/closest-match';
import { CodedHttpException } from '../common/coded-http.exception';

export enum EventTypeErrorCode {
  NotFound = 'EVENT_TYPE_NOT_FOUND',
}

const STATUS: Record<EventTypeErrorCode, HttpStatus> = {
  [EventTypeErrorCode.NotFound]: HttpStatus.NOT_FOUND,
};

export class EventTypeException extends CodedHttpException<EventTypeErrorCode> {
  constructor(code: EventTypeErrorCode, message: string) {
    super(code, STATUS[code], message);
  }

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
