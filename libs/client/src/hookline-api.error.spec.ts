import { kindOfStatus, type ApiErrorKind } from './hookline-api.error';

describe(kindOfStatus.name, () => {
  it.each<[ApiErrorKind, number[]]>([
    // 418 stands for any other 4xx: the request is what was wrong.
    ['invalid_request', [400, 422, 418]],
    ['unauthorized', [401]],
    ['forbidden', [403]],
    ['not_found', [404]],
    ['conflict', [409]],
    ['payload_too_large', [413]],
    ['rate_limited', [429]],
    ['unavailable', [502, 503, 504]],
    ['server_error', [500, 507]],
  ])('names %s for the statuses %j', (kind, statuses) => {
    expect(statuses.map(kindOfStatus)).toEqual(statuses.map(() => kind));
  });
});
