import { HttpStatus } from '@nestjs/common';
import { EVENT_TYPES } from '@hookline/contracts';
import { codedHttpException } from '@hookline/platform';
import { closestMatch } from '../common/closest-match';

export class EventTypeException extends codedHttpException({
  EVENT_TYPE_NOT_FOUND: HttpStatus.NOT_FOUND,
}) {
  /** Names the type and, when one is close, the type that was probably meant. */
  static notFound(type: string): EventTypeException {
    const suggestion = closestMatch(type, EVENT_TYPES);
    const hint = suggestion === null ? 'GET /v1/event-types lists them' : `did you mean "${suggestion}"?`;
    return new EventTypeException(
      'EVENT_TYPE_NOT_FOUND',
      `event type "${type}" is not in the catalog; ${hint}`,
    );
  }
}

export type EventTypeErrorCode = EventTypeException['code'];
