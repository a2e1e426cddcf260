import { SecretBoxError, generateSigningKeyPair, generateSigningSecret } from '@hookline/security';
import { testSecretBox, webhookFixture } from '../../test/fixtures';
import { WebhookCredentialsService, usableSecrets } from './webhook-credentials.service';

describe(WebhookCredentialsService.name, () => {
  const box = testSecretBox();

  it('opens signing secrets and builds the authorization value with AAD = webhook id', () => {
    const service = new WebhookCredentialsService(box);
    const { state, secrets } = webhookFixture(box, { id: 'wh_auth' });
    const basic = {
      ...state,
      auth: { type: 'basic' as const, username: 'hook', encryptedPassword: box.encrypt('s3cret', 'wh_auth') },
    };
    const bearer = {
      ...state,
      version: 2,
      auth: { type: 'bearer' as const, encryptedToken: box.encrypt('tok', 'wh_auth') },
    };

    expect(service.open(basic)).toEqual({
      secrets: [{ secret: secrets[0], expiresAt: null }],
      authorization: `Basic ${Buffer.from('hook:s3cret').toString('base64')}`,
      oauth2: null,
      headers: {},
      tls: null,
    });
    expect(service.open(bearer).authorization).toBe('Bearer tok');
  });

  it('opens the client key of the TLS settings (AAD = webhook id) and passes the certificates as they are', () => {
    const service = new WebhookCredentialsService(box);
    const { state } = webhookFixture(box, { id: 'wh_tls' });
    const tls = {
      clientCertificate: 'CERT',
      encryptedPrivateKey: box.encrypt('KEY', 'wh_tls'),
      caCertificates: 'CA',
    };
    const caOnly = { clientCertificate: null, encryptedPrivateKey: null, caCertificates: 'CA' };
    const elsewhere = { ...tls, encryptedPrivateKey: box.encrypt('KEY', 'wh_other') };

    expect(service.open({ ...state, tls }).tls).toEqual({ cert: 'CERT', key: 'KEY', ca: 'CA' });
    expect(service.open({ ...state, version: 2, tls: caOnly }).tls).toEqual({
      cert: null,
      key: null,
      ca: 'CA',
    });
    expect(() => service.open({ ...state, version: 3, tls: elsewhere })).toThrow(SecretBoxError);
  });

  it('opens an OAuth2 client secret with AAD = webhook id, keyed so that a new client gets new tokens', () => {
    const service = new WebhookCredentialsService(box);
    const { state } = webhookFixture(box, { id: 'wh_oauth' });
    const auth = {
      type: 'oauth2' as const,
      tokenUrl: 'https://auth.example.com/token',
      clientId: 'hookline',
      encryptedClientSecret: box.encrypt('cs_1', 'wh_oauth'),
      scope: 'a b',
      audience: null,
    };
    const opened = service.open({ ...state, auth });
    const renamed = service.open({ ...state, version: 2, url: 'https://hooks.example.com/v2', auth });
    const newSecret = service.open({
      ...state,
      version: 3,
      auth: { ...auth, encryptedClientSecret: box.encrypt('cs_2', 'wh_oauth') },
    });

    expect(opened.authorization).toBeNull();
    expect(opened.oauth2).toEqual({
      credentialKey: expect.any(String),
      tokenUrl: 'https://auth.example.com/token',
      clientId: 'hookline',
      clientSecret: 'cs_1',
      scope: 'a b',
      audience: null,
    });
    expect(renamed.oauth2?.credentialKey).toBe(opened.oauth2?.credentialKey);
    expect(newSecret.oauth2?.clientSecret).toBe('cs_2');
    expect(newSecret.oauth2?.credentialKey).not.toBe(opened.oauth2?.credentialKey);
    expect(() =>
      service.open({
        ...state,
        version: 4,
        auth: { ...auth, encryptedClientSecret: box.encrypt('cs_1', 'wh_other') },
      }),
    ).toThrow(SecretBoxError);
  });

  it('opens custom header values, and takes those of a state from before they were sealed as they are', () => {
    const service = new WebhookCredentialsService(box);
    const { state } = webhookFixture(box, { id: 'wh_headers' });
    const sealed = { ...state, encryptedHeaders: { 'X-Api-Key': box.encrypt('k-1', 'wh_headers') } };
    const legacy = { ...state, version: 2, encryptedHeaders: {}, headers: { 'X-Tenant': 'acme' } };
    const elsewhere = {
      ...state,
      version: 3,
      encryptedHeaders: { 'X-Api-Key': box.encrypt('k-1', 'wh_other') },
    };

    expect(service.open(sealed).headers).toEqual({ 'X-Api-Key': 'k-1' });
    expect(service.open(legacy).headers).toEqual({ 'X-Tenant': 'acme' });
    expect(() => service.open(elsewhere)).toThrow(SecretBoxError);
  });

  it('refuses a credential sealed for another webhook', () => {
    const service = new WebhookCredentialsService(box);
    const { state } = webhookFixture(box, { id: 'wh_a' });
    const moved = {
      ...state,
      secrets: [{ encrypted: box.encrypt(generateSigningSecret(), 'wh_b'), expiresAt: null }],
    };

    expect(() => service.open(moved)).toThrow(SecretBoxError);
  });

  it('refuses a secret that is not whsec_', () => {
    const service = new WebhookCredentialsService(box);
    const { state } = webhookFixture(box, { id: 'wh_a' }, [{ secret: 'not-a-secret', expiresAt: null }]);

    expect(() => service.open(state)).toThrow('whsec_');
  });

  it('opens the whsk_ key pairs of an ed25519 webhook, and refuses an HMAC secret there', () => {
    const service = new WebhookCredentialsService(box);
    const { secretKey } = generateSigningKeyPair();
    const ed25519 = { signatureScheme: { type: 'standard-webhooks-ed25519' as const } };
    const { state } = webhookFixture(box, { id: 'wh_ed', ...ed25519 }, [
      { secret: secretKey, expiresAt: null },
    ]);
    const { state: mixed } = webhookFixture(box, { id: 'wh_mixed', ...ed25519 }, [
      { secret: generateSigningSecret(), expiresAt: null },
    ]);

    expect(service.open(state).secrets).toEqual([{ secret: secretKey, expiresAt: null }]);
    expect(() => service.open(mixed)).toThrow('whsk_');
    expect(() =>
      service.open(webhookFixture(box, { id: 'wh_hmac' }, [{ secret: secretKey, expiresAt: null }]).state),
    ).toThrow('whsec_');
  });

  it('decrypts once per (webhook, version)', () => {
    const service = new WebhookCredentialsService(box);
    const decrypt = jest.spyOn(box, 'decrypt');
    const { state } = webhookFixture(box);

    service.open(state);
    service.open(state);
    expect(decrypt).toHaveBeenCalledTimes(1);
    service.open({ ...state, version: 2 });
    expect(decrypt).toHaveBeenCalledTimes(2);
    decrypt.mockRestore();
  });
});

describe('usableSecrets', () => {
  const now = new Date('2026-11-22T10:00:00.000Z');

  it('puts the current secret first, then rotated ones still in grace, newest first', () => {
    const secrets = [
      { secret: 'old', expiresAt: Date.parse('2026-11-22T11:00:00.000Z') },
      { secret: 'older', expiresAt: Date.parse('2026-11-22T10:30:00.000Z') },
      { secret: 'expired', expiresAt: Date.parse('2026-11-22T09:59:59.000Z') },
      { secret: 'current', expiresAt: null },
    ];

    expect(usableSecrets(secrets, now)).toEqual(['current', 'old', 'older']);
  });
});
