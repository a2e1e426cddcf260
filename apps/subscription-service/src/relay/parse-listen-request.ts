import { RelayException } from './relay.exception';

export interface ListenRequest {
  events: string[];
}

/**
 * `GET /v1/relay?events=job.*,estimate.created`: the event patterns of the temporary webhook, every event
 * (`*`) when left out. The patterns themselves are checked by the webhook rules when it is created.
 */
export function parseListenRequest(url: string, relayPath: string): ListenRequest {
  const parsed = new URL(url, 'http://relay.invalid');
  if (parsed.pathname !== relayPath) {
    throw RelayException.notRelayPath(parsed.pathname);
  }
  const raw = parsed.searchParams.get('events');
  if (raw === null) {
    return { events: ['*'] };
  }
  const events = raw
    .split(',')
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '');
  if (events.length === 0) {
    throw RelayException.invalidEvents();
  }
  return { events };
}
