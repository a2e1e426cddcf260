import { createTestPki } from '@hookline/testing';
import { aWebhook, aWebhookSettings } from '../../../test/fixtures';
import { toWebhookResponse } from './webhook.response';

describe(toWebhookResponse.name, () => {
  it('shows the webhook in camelCase with ISO timestamps', () => {
    const webhook = aWebhook({ description: 'CRM', active: true });
    expect(toWebhookResponse(webhook, {})).toEqual({
      id: webhook.id,
      name: 'CRM sync',
      description: 'CRM',
      url: 'https://hooks.example.com/hookline',
      events: ['job.created', 'estimate.*'],
      active: true,
      auth: { type: 'none' },
      headers: {},
      ...aWebhookSettings(),
      disabledReason: null,
      disabledAt: null,
      version: 1,
      createdAt: '2026-11-22T10:00:00.000Z',
      updatedAt: '2026-11-22T10:00:00.000Z',
    });
  });

  it('shows when and why the platform disabled it', () => {
    const response = toWebhookResponse(
      aWebhook({
        disabledReason: 'endpoint answered 410 Gone',
        disabledAt: new Date('2026-11-23T08:00:00.000Z'),
      }),
      {},
    );
    expect(response).toMatchObject({
      active: false,
      disabledReason: 'endpoint answered 410 Gone',
      disabledAt: '2026-11-23T08:00:00.000Z',
    });
  });

  it('never shows a basic-auth password, even encrypted', () => {
    const response = toWebhookResponse(
      aWebhook({ auth: { type: 'basic', username: 'hookline', encryptedPassword: 'v1.k1.PASSWORD' } }),
      {},
    );
    expect(response.auth).toEqual({ type: 'basic', username: 'hookline' });
    expect(JSON.stringify(response)).not.toContain('PASSWORD');
  });

  it('never shows a bearer token, even encrypted', () => {
    const response = toWebhookResponse(
      aWebhook({ auth: { type: 'bearer', encryptedToken: 'v1.k1.TOKEN' } }),
      {},
    );
    expect(response.auth).toEqual({ type: 'bearer' });
    expect(JSON.stringify(response)).not.toContain('TOKEN');
  });

  it('shows the client certificate and the CA as summaries, never the private key', () => {
    const pki = createTestPki('Acme Test CA');
    const client = pki.issue({ commonName: 'hookline-client', usage: 'client' });
    const response = toWebhookResponse(
      aWebhook({
        tls: {
          clientCertificate: client.cert,
          encryptedPrivateKey: 'v1.k1.KEY',
          caCertificates: pki.ca.cert,
        },
      }),
      {},
    );
    expect(response.tls).toMatchObject({
      clientCertificate: { subject: 'CN=hookline-client', issuer: 'CN=Acme Test CA' },
      caCertificates: [{ subject: 'CN=Acme Test CA' }],
    });
    expect(JSON.stringify(response)).not.toContain('KEY');
    expect(JSON.stringify(response)).not.toContain('BEGIN');
  });

  it('shows an oauth2 client but never its secret, even encrypted', () => {
    const auth = {
      type: 'oauth2',
      tokenUrl: 'https://auth.example.com/token',
      clientId: 'hookline',
      encryptedClientSecret: 'v1.k1.CLIENTSECRET',
      scope: 'webhooks:receive',
      audience: null,
    } as const;
    const response = toWebhookResponse(aWebhook({ auth }), {});
    expect(response.auth).toEqual({
      type: 'oauth2',
      tokenUrl: 'https://auth.example.com/token',
      clientId: 'hookline',
      scope: 'webhooks:receive',
      audience: null,
    });
    expect(JSON.stringify(response)).not.toContain('CLIENTSECRET');
  });

  it('redacts custom headers that carry credentials', () => {
    const response = toWebhookResponse(aWebhook(), {
      'X-Api-Key': 'abc123',
      Authorization: 'Bearer xyz',
      'X-Auth': 'Basic dXNlcjpwYXNz',
      'X-Tenant': 'acme',
    });
    expect(response.headers).toEqual({
      'X-Api-Key': '[redacted]',
      Authorization: '[redacted]',
      'X-Auth': '[redacted]',
      'X-Tenant': 'acme',
    });
  });

  it('has no field holding secrets or the organization', () => {
    const keys = Object.keys(toWebhookResponse(aWebhook(), {}));
    expect(keys).not.toEqual(expect.arrayContaining(['secrets']));
    expect(keys.filter((key) => /secret|password|token|organization/i.test(key))).toEqual([]);
  });
});
