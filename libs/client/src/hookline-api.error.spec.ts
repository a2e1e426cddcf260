import { kindOfStatus } from './hookline-api.error';

describe(kindOfStatus.name, () => {
  it.each([
    [400, 'invalid_request'],
    [422, 'invalid_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [413, 'payload_too_large'],
    [429, 'rate_limited'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
    [500, 'server_error'],
    [507, 'server_error'],
    [418, 'invalid_request'],
  ])('names status %i %s', (status, kind) => {
    expect(kindOfStatus(status)).toBe(kind);
  });
});
