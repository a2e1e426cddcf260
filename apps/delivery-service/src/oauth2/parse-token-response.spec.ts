import { parseTokenResponse } from './parse-token-response';
import { TokenEndpointError } from './token-endpoint.error';

describe(parseTokenResponse.name, () => {
  const secret = 'cs_live_secret';

  it('reads the access token and its lifetime', () => {
    expect(
      parseTokenResponse(200, '{"access_token":"at_1","token_type":"Bearer","expires_in":3600}', secret),
    ).toEqual({ accessToken: 'at_1', expiresInSeconds: 3_600 });
  });

  it('takes expires_in as a string of digits, and no expires_in as unknown', () => {
    expect(parseTokenResponse(200, '{"access_token":"a","expires_in":"60"}', secret).expiresInSeconds).toBe(
      60,
    );
    expect(
      parseTokenResponse(200, '{"access_token":"a","token_type":"bearer"}', secret).expiresInSeconds,
    ).toBe(null);
    expect(parseTokenResponse(200, '{"access_token":"a","expires_in":-5}', secret).expiresInSeconds).toBe(
      null,
    );
  });

  it.each([
    [400, '{"error":"invalid_scope"}', 'token endpoint answered 400 (invalid_scope)'],
    [
      401,
      '{"error":"invalid_client","error_description":"bad secret cs_live_secret"}',
      'token endpoint answered 401 (invalid_client: bad secret [redacted])',
    ],
    [503, 'upstream down', 'token endpoint answered 503'],
    [200, 'not json', 'token endpoint answered 200 without a JSON object'],
    [200, '["access_token"]', 'token endpoint answered 200 without a JSON object'],
    [200, '{"token_type":"Bearer"}', 'token endpoint answered 200 without an access_token'],
    [200, '{"access_token":""}', 'token endpoint answered 200 without an access_token'],
    [
      200,
      '{"access_token":"a\\r\\nx-evil: 1"}',
      'token endpoint answered 200 with an access_token that is not printable ASCII',
    ],
    [
      200,
      '{"access_token":"a","token_type":"DPoP"}',
      'token endpoint answered 200 with token_type "DPoP"; only Bearer is supported',
    ],
  ])('refuses a %d answer %s: %s', (status, body, message) => {
    const parse = () => parseTokenResponse(status, body, secret);
    expect(parse).toThrow(TokenEndpointError);
    expect(parse).toThrow(message);
  });
});
