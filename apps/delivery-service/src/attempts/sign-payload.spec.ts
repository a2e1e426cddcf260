import { createHmac, verify } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { generateSigningKeyPair, generateSigningSecret, parsePublicKey } from '@hookline/security';
import { signBodyHex, signStandardWebhook, signStandardWebhookEd25519 } from './sign-payload';

describe('signStandardWebhook', () => {
  const body = Buffer.from(
    JSON.stringify({
      id: 'evt_1',
      type: 'job.created',
      timestamp: '2026-11-22T10:00:00.000Z',
      data: { a: 'ü' },
    }),
  );
  const timestampSeconds = Math.floor(Date.now() / 1000);
  const headersFor = (signature: string) => ({
    'webhook-id': 'evt_1',
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signature,
  });

  it('produces a signature the standardwebhooks library verifies', () => {
    const secret = generateSigningSecret();
    const signature = signStandardWebhook({ messageId: 'evt_1', timestampSeconds, body, secrets: [secret] });

    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
    expect(new Webhook(secret).verify(body.toString(), headersFor(signature))).toEqual(
      JSON.parse(body.toString()),
    );
  });

  it('matches the library’s own signature byte for byte', () => {
    const secret = generateSigningSecret();
    const expected = new Webhook(secret).sign('evt_1', new Date(timestampSeconds * 1000), body.toString());

    expect(signStandardWebhook({ messageId: 'evt_1', timestampSeconds, body, secrets: [secret] })).toBe(
      expected,
    );
  });

  it('signs once per secret, space-separated, and each secret verifies on its own', () => {
    const [current, rotated] = [generateSigningSecret(), generateSigningSecret()];
    const signature = signStandardWebhook({
      messageId: 'evt_1',
      timestampSeconds,
      body,
      secrets: [current, rotated],
    });

    expect(signature.split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, headersFor(signature))).not.toThrow();
    expect(() => new Webhook(rotated).verify(body, headersFor(signature))).not.toThrow();
    expect(() => new Webhook(generateSigningSecret()).verify(body, headersFor(signature))).toThrow();
  });

  it('does not verify once the body changes', () => {
    const secret = generateSigningSecret();
    const signature = signStandardWebhook({ messageId: 'evt_1', timestampSeconds, body, secrets: [secret] });

    expect(() => new Webhook(secret).verify(`${body.toString()} `, headersFor(signature))).toThrow();
  });

  it('refuses a secret that is not whsec_<base64>', () => {
    expect(() =>
      signStandardWebhook({ messageId: 'evt_1', timestampSeconds, body, secrets: ['plain'] }),
    ).toThrow('whsec_');
  });
});

describe('signBodyHex', () => {
  it('is the hex HMAC-SHA256 of the raw body keyed by the secret string', () => {
    const secret = generateSigningSecret();
    const body = Buffer.from('{"id":"evt_1"}');

    expect(signBodyHex(body, secret)).toBe(
      createHmac('sha256', secret).update(body.toString()).digest('hex'),
    );
  });
});

describe('signStandardWebhookEd25519', () => {
  const body = Buffer.from('{"type":"job.created","data":{"id":"job_1"}}');
  const verifiesWith = (publicKey: string, signature: string): boolean =>
    verify(
      null,
      Buffer.concat([Buffer.from('evt_1.1700000000.'), body]),
      parsePublicKey(publicKey),
      Buffer.from(signature.slice(4), 'base64'),
    );

  it('signs v1a with each key, current first; a receiver holding only a public key verifies its own', () => {
    const current = generateSigningKeyPair();
    const retiring = generateSigningKeyPair();
    const header = signStandardWebhookEd25519({
      messageId: 'evt_1',
      timestampSeconds: 1_700_000_000,
      body,
      secrets: [current.secretKey, retiring.secretKey],
    });
    const [first, second] = header.split(' ');

    expect(first.startsWith('v1a,')).toBe(true);
    expect(verifiesWith(current.publicKey, first)).toBe(true);
    expect(verifiesWith(retiring.publicKey, second)).toBe(true);
    expect(verifiesWith(retiring.publicKey, first)).toBe(false);
  });

  it('refuses an HMAC secret', () => {
    expect(() =>
      signStandardWebhookEd25519({
        messageId: 'evt_1',
        timestampSeconds: 1,
        body,
        secrets: [generateSigningSecret()],
      }),
    ).toThrow(/must start with "whsk_"/);
  });

  it('signs again with a key it has signed with before, and still refuses a bad key on a second try', () => {
    const pair = generateSigningKeyPair();
    const signWith = (secret: string, timestampSeconds: number): string =>
      signStandardWebhookEd25519({ messageId: 'evt_1', timestampSeconds, body, secrets: [secret] });

    expect(verifiesWith(pair.publicKey, signWith(pair.secretKey, 1_700_000_000))).toBe(true);
    expect(verifiesWith(pair.publicKey, signWith(pair.secretKey, 1_700_000_000))).toBe(true);
    const tampered = `whsk_${Buffer.alloc(64, 1).toString('base64')}`;
    expect(() => signWith(tampered, 1)).toThrow(/not its own/);
    expect(() => signWith(tampered, 1)).toThrow(/not its own/);
  });
});
