import { buildTokenRequest } from './token-request';

describe(buildTokenRequest.name, () => {
  const client = {
    credentialKey: 'k',
    tokenUrl: 'https://auth.example.com/token',
    clientId: 'hookline prod',
    clientSecret: 's3cr:t/+',
    scope: null,
    audience: null,
  };

  it('sends the client credentials grant with the client authenticated by HTTP Basic, form-encoded first', () => {
    const request = buildTokenRequest(client, 'Hookline/1.0.0');
    expect(request.body).toBe('grant_type=client_credentials');
    expect(request.headers).toEqual({
      authorization: `Basic ${Buffer.from('hookline+prod:s3cr%3At%2F%2B').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'user-agent': 'Hookline/1.0.0',
    });
  });

  it('adds scope and audience when set, and never puts the secret in the body', () => {
    const request = buildTokenRequest({ ...client, scope: 'a b', audience: 'https://api.example.com' }, 'ua');
    expect(request.body).toBe(
      'grant_type=client_credentials&scope=a+b&audience=https%3A%2F%2Fapi.example.com',
    );
    expect(request.body).not.toContain('s3cr');
  });
});
