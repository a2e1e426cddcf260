import { Webhook } from 'standardwebhooks';
import { createHmac } from 'node:crypto';
import { generateSigningSecret } from '@hookline/security';
import {
  basicAuthorization,
  bearerAuthorization,
  buildRequestHeaders,
  type RequestHeadersInput,
} from './build-request-headers';

describe('buildRequestHeaders', () => {
  const secret = generateSigningSecret();
  const body = Buffer.from(
    '{"id":"evt_1","type":"job.created","timestamp":"2026-11-22T10:00:00.000Z","data":{}}',
  );
  const timestampSeconds = Math.floor(Date.now() / 1000);
  const input = (overrides: Partial<RequestHeadersInput> = {}): RequestHeadersInput => ({
    eventId: 'evt_1',
    attemptId: 'att_1',
    timestampSeconds,
    body,
    userAgent: 'Hookline/1.2.3',
    signatureScheme: { type: 'standard-webhooks' },
    signingSecrets: [secret],
    authorization: null,
    customHeaders: {},
    ...overrides,
  });

  it('sends the Standard Webhooks headers with the event id, this attempt’s timestamp and its log id', () => {
    const headers = buildRequestHeaders(input());

    expect(headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'Hookline/1.2.3',
      'webhook-id': 'evt_1',
      'hookline-attempt-id': 'att_1',
      'webhook-timestamp': String(timestampSeconds),
      'webhook-signature': expect.stringMatching(/^v1,/),
    });
    expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
  });

  it('adds Basic and Bearer authorization', () => {
    expect(
      buildRequestHeaders(input({ authorization: basicAuthorization('hook', 'pa:ss') })).authorization,
    ).toBe(`Basic ${Buffer.from('hook:pa:ss').toString('base64')}`);
    expect(buildRequestHeaders(input({ authorization: bearerAuthorization('tok_1') })).authorization).toBe(
      'Bearer tok_1',
    );
  });

  it('adds custom headers, lower-cased, but never lets them replace protocol headers', () => {
    const headers = buildRequestHeaders(
      input({
        customHeaders: {
          'X-Tenant': 'acme',
          'Content-Type': 'text/plain',
          'webhook-id': 'forged',
          Authorization: 'Bearer forged',
          Host: 'evil.example',
          'Content-Length': '1',
        },
      }),
    );

    expect(headers['x-tenant']).toBe('acme');
    expect(headers['content-type']).toBe('application/json');
    expect(headers['webhook-id']).toBe('evt_1');
    expect(headers).not.toHaveProperty('authorization');
    expect(headers).not.toHaveProperty('host');
    expect(headers).not.toHaveProperty('content-length');
  });

  it('puts the hex body HMAC in the configured header for hmac-sha256-hex, signed with the current secret', () => {
    const headers = buildRequestHeaders(
      input({
        signatureScheme: { type: 'hmac-sha256-hex', header: 'X-Archilogic-Signature' },
        signingSecrets: [secret, generateSigningSecret()],
      }),
    );

    expect(headers['x-archilogic-signature']).toBe(createHmac('sha256', secret).update(body).digest('hex'));
    expect(headers).not.toHaveProperty('webhook-signature');
  });

  it('signs hmac-sha256-hex with every secret in its grace period too, in a second header, newest first', () => {
    const [previous, older] = [generateSigningSecret(), generateSigningSecret()];
    const hex = (key: string) => createHmac('sha256', key).update(body).digest('hex');

    const headers = buildRequestHeaders(
      input({
        signatureScheme: { type: 'hmac-sha256-hex', header: 'X-Archilogic-Signature' },
        signingSecrets: [secret, previous, older],
      }),
    );

    expect(headers['x-archilogic-signature']).toBe(hex(secret));
    expect(headers['x-archilogic-signature-previous']).toBe(`${hex(previous)}, ${hex(older)}`);
  });

  it('sends no previous-signature header when only the current secret is usable', () => {
    const headers = buildRequestHeaders(
      input({
        signatureScheme: { type: 'hmac-sha256-hex', header: 'x-sig' },
        signingSecrets: [secret],
        customHeaders: { 'X-Sig-Previous': 'forged' },
      }),
    );

    expect(headers).not.toHaveProperty('x-sig-previous');
  });

  it('refuses to build an unsigned request', () => {
    expect(() => buildRequestHeaders(input({ signingSecrets: [] }))).toThrow('no signing secret');
    expect(() =>
      buildRequestHeaders(
        input({ signingSecrets: [], signatureScheme: { type: 'hmac-sha256-hex', header: 'x-sig' } }),
      ),
    ).toThrow('no signing secret');
  });
});
