import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

export class RelayException extends codedHttpException({
  RELAY_DISABLED: HttpStatus.SERVICE_UNAVAILABLE,
  NOT_RELAY_PATH: HttpStatus.NOT_FOUND,
  TOO_MANY_RELAY_SESSIONS: HttpStatus.TOO_MANY_REQUESTS,
  INVALID_RELAY_EVENTS: HttpStatus.BAD_REQUEST,
}) {
  static disabled(): RelayException {
    return new RelayException(
      'RELAY_DISABLED',
      'the relay is off on this platform: its operator sets RELAY_PUBLIC_URL to turn it on',
    );
  }

  static notRelayPath(path: string): RelayException {
    return new RelayException('NOT_RELAY_PATH', `no WebSocket endpoint at ${path}`);
  }

  static tooManySessions(limit: number): RelayException {
    return new RelayException(
      'TOO_MANY_RELAY_SESSIONS',
      `this organization already holds ${limit} relay connections; close one first`,
    );
  }

  static invalidEvents(): RelayException {
    return new RelayException(
      'INVALID_RELAY_EVENTS',
      'events must be a comma-separated list of event types or patterns, e.g. job.*,estimate.created',
    );
  }
}

export type RelayErrorCode = RelayException['code'];
