import { createTestPki, eventually } from '@hookline/testing';
import type { WebhookBody } from '../../test/subscription-test-context';
import { WebhookStatesSuite } from '../../test/webhook-states-suite';

describe('webhook TLS settings (HTTP + Postgres + Kafka)', () => {
  const pki = createTestPki('Receiver CA');
  const client = pki.issue({ commonName: 'hookline-client', usage: 'client' });
  const suite = WebhookStatesSuite.start('webhook-tls-int', 'Mutual Roofing');

  it('seals the key in Postgres and in the state (AAD = webhook id), shows only summaries, and PATCH null removes it', async () => {
    const tls = { clientCertificate: client.cert, privateKey: client.key, caCertificates: pki.ca.cert };
    const webhook = await suite.context.createWebhook(suite.token, { events: ['job.*'], tls });
    expect(webhook).toMatchObject({
      tls: {
        clientCertificate: { subject: 'CN=hookline-client', issuer: 'CN=Receiver CA' },
        caCertificates: [{ subject: 'CN=Receiver CA' }],
      },
    });
    const read = await suite.context.http.request<WebhookBody>('GET', `/v1/webhooks/${webhook.id}`, {
      token: suite.token,
    });
    expect(JSON.stringify(read.body)).not.toContain('PRIVATE KEY');

    const [row] = await suite.context.database.query<Array<{ tls: Record<string, string> }>>(
      'SELECT tls FROM subscription.webhook WHERE id = $1',
      [webhook.id],
    );
    expect(JSON.stringify(row.tls)).not.toContain('PRIVATE KEY');
    expect(suite.context.secretBox.decrypt(row.tls.encryptedPrivateKey, webhook.id)).toBe(client.key);
    expect(() => suite.context.secretBox.decrypt(row.tls.encryptedPrivateKey, 'wh_other')).toThrow();

    await eventually(() => expect(suite.statesOf(webhook.id)[0]?.tls).toBeTruthy());
    const published = suite.statesOf(webhook.id)[0].tls!;
    expect(published).toEqual({
      clientCertificate: client.cert,
      encryptedPrivateKey: expect.any(String),
      caCertificates: pki.ca.cert,
    });
    expect(suite.context.secretBox.decrypt(published.encryptedPrivateKey!, webhook.id)).toBe(client.key);

    expect(await suite.context.patchWebhook(suite.token, webhook.id, { tls: null })).toMatchObject({
      tls: null,
      version: 2,
    });
    await eventually(() => expect(suite.statesOf(webhook.id)[1]?.tls).toBeNull());
  });

  it.each([
    [
      { clientCertificate: 'not pem', privateKey: 'x' },
      'tls.clientCertificate must be PEM certificates only',
    ],
    [
      { clientCertificate: client.cert, privateKey: pki.issue({ commonName: 'x', usage: 'client' }).key },
      'tls.privateKey is not the key of tls.clientCertificate',
    ],
    [{ clientCertificate: client.cert }, 'tls.privateKey is required with tls.clientCertificate'],
  ])('refuses %#: 400 naming the field, and saves nothing', async (tls, message) => {
    const response = await suite.expectCreateRefused({ tls }, message);
    expect(JSON.stringify(response.body)).not.toContain('PRIVATE KEY');
  });
});
