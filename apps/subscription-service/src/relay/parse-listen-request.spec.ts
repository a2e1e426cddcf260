import { parseListenRequest } from './parse-listen-request';
import { RelayException } from './relay.exception';

describe(parseListenRequest.name, () => {
  it('reads the comma-separated events', () => {
    expect(parseListenRequest('/v1/relay?events=job.*,%20estimate.created', '/v1/relay')).toEqual({
      events: ['job.*', 'estimate.created'],
    });
  });

  it('listens to every event when none are given', () => {
    expect(parseListenRequest('/v1/relay', '/v1/relay')).toEqual({ events: ['*'] });
  });

  it('refuses an empty list and another path', () => {
    expect(() => parseListenRequest('/v1/relay?events=,', '/v1/relay')).toThrow(RelayException);
    expect(() => parseListenRequest('/v1/other', '/v1/relay')).toThrow('no WebSocket endpoint at /v1/other');
  });
});
