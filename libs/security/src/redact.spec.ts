import { REDACTED, isSensitiveHeader, redactHeaders } from './redact';

describe('redactHeaders', () => {
  it('redacts credential-bearing headers and keeps the rest', () => {
    expect(
      redactHeaders({
        Authorization: 'Bearer hk_abc',
        'Proxy-Authorization': 'Basic dXNlcjpwYXNz',
        Cookie: 'session=1',
        'set-cookie': 'session=2',
        'webhook-signature': 'v1,abc=',
        'X-API-Key': 'hk_abc',
        'X-Hub-Signature-256': 'sha256=abc',
        'X-Webhook-Secret': 'shh',
        'X-CSRF-Token': 'tok',
        'X-Db-Password': 'pw',
        'Content-Type': 'application/json',
        'webhook-id': 'evt_1',
        'webhook-timestamp': '1700000000',
        'User-Agent': 'Hookline/1.0.0',
      }),
    ).toEqual({
      Authorization: '[redacted]',
      'Proxy-Authorization': '[redacted]',
      Cookie: '[redacted]',
      'set-cookie': '[redacted]',
      'webhook-signature': '[redacted]',
      'X-API-Key': '[redacted]',
      'X-Hub-Signature-256': '[redacted]',
      'X-Webhook-Secret': '[redacted]',
      'X-CSRF-Token': '[redacted]',
      'X-Db-Password': '[redacted]',
      'Content-Type': 'application/json',
      'webhook-id': 'evt_1',
      'webhook-timestamp': '1700000000',
      'User-Agent': 'Hookline/1.0.0',
    });
  });

  it('does not modify its input', () => {
    const headers = { authorization: 'Bearer x' };
    redactHeaders(headers);
    expect(headers).toEqual({ authorization: 'Bearer x' });
  });

  it('redacts array values (e.g. several set-cookie headers) as a whole', () => {
    expect(
      redactHeaders<string | string[]>({
        'set-cookie': ['a=1', 'b=2'],
        vary: ['accept', 'origin'],
      }),
    ).toEqual({ 'set-cookie': '[redacted]', vary: ['accept', 'origin'] });
  });

  it('keeps a "__proto__" header as plain data', () => {
    const headers: Record<string, string> = JSON.parse('{"__proto__": "x", "authorization": "y"}') as Record<
      string,
      string
    >;
    const redacted = redactHeaders(headers);
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(Object.keys(redacted)).toEqual(['__proto__', 'authorization']);
    expect(redacted.authorization).toBe('[redacted]');
  });
});

describe('isSensitiveHeader', () => {
  it('matches names case-insensitively', () => {
    expect(isSensitiveHeader('AUTHORIZATION')).toBe(true);
    expect(isSensitiveHeader('x-amz-security-token')).toBe(true);
    expect(isSensitiveHeader('accept')).toBe(false);
    expect(isSensitiveHeader('x-request-id')).toBe(false);
  });
});

describe('redactHeaders by value', () => {
  it('redacts a credential by its scheme whatever the header is called', () => {
    expect(
      redactHeaders({
        'X-Auth': 'Basic dXNlcjpwYXNz',
        'X-Upstream': 'bearer abc.def',
        'X-Other': 'Digest username="u"',
        'X-Plain': 'basic plan',
        'X-Word': 'Bearer',
        'X-Tenant': 'acme',
      }),
    ).toEqual({
      'X-Auth': REDACTED,
      'X-Upstream': REDACTED,
      'X-Other': REDACTED,
      'X-Plain': REDACTED,
      'X-Word': 'Bearer',
      'X-Tenant': 'acme',
    });
  });
});
