import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from '@hookline/platform';

export enum RelayErrorCode {
  Disabled = 'RELAY_DISABLED',
  NotRelayPath = 'NOT_RELAY_PATH',
  TooManySessions = 'TOO_MANY_RELAY_SESSIONS',
  InvalidEvents = 'INVALID_RELAY_EVENTS',
}

const STATUS: Record<RelayErrorCode, HttpStatus> = {
  [RelayErrorCode.Disabled]: HttpStatus.SERVICE_UNAVAILABLE,
  [RelayErrorCode.NotRelayPath]: HttpStatus.NOT_FOUND,
  [RelayErrorCode.TooManySessions]: HttpStatus.TOO_MANY_REQUESTS,
  [RelayErrorCode.InvalidEvents]: HttpStatus.BAD_REQUEST,
};

export class RelayException extends codedHttpException(STATUS) {
  static disabled(): RelayException {
    return new RelayException(
      RelayErrorCode.Disabled,
      'the relay is off on this platform: its operator sets RELAY_PUBLIC_URL to turn it on',
    );
  }

  static notRelayPath(path: string): RelayException {
    return new RelayException(RelayErrorCode.NotRelayPath, `no WebSocket endpoint at ${path}`);
  }

  static tooManySessions(limit: number): RelayException {
    return new RelayException(
      RelayErrorCode.TooManySessions,
      `this organization already holds ${limit} relay connections; close one first`,
    );
  }

  static invalidEvents(): RelayException {
    return new RelayException(
      RelayErrorCode.InvalidEvents,
      'events must be a comma-separated list of event types or patterns, e.g. job.*,estimate.created',
    );
  }
}
