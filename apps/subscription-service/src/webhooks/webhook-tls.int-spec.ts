import { Topics, type WebhookState } from '@hookline/contracts';
import { createTestPki, eventually } from '@hookline/testing';
import {
  SubscriptionTestContext,
  type CreatedOrganization,
  type ErrorBody,
  type WebhookBody,
} from '../../test/subscription-test-context';
import { TopicRecorder } from '../../test/topic-recorder';

describe('webhook TLS settings (HTTP + Postgres + Kafka)', () => {
  const pki = createTestPki('Receiver CA');
  const client = pki.issue({ commonName: 'hookline-client', usage: 'client' });
  let context: SubscriptionTestContext;
  let subscriptions: TopicRecorder;
  let organization: CreatedOrganization;

  const statesOf = (webhookId: string): WebhookState[] =>
    subscriptions.keyed(webhookId).map((message) => message.value as WebhookState);
  const token = () => organization.apiKey.key;

  beforeAll(async () => {
    context = await SubscriptionTestContext.start('webhook-tls-int');
    subscriptions = await context.recordTopic(Topics.subscriptions);
    organization = await context.createOrganization('Mutual Roofing');
  });

  afterAll(async () => {
    await subscriptions?.stop();
    await context?.stop();
  });

  it('seals the key in Postgres and in the state (AAD = webhook id), shows only summaries, and PATCH null removes it', async () => {
    const tls = { clientCertificate: client.cert, privateKey: client.key, caCertificates: pki.ca.cert };
    const webhook = await context.createWebhook(token(), { events: ['job.*'], tls });
    expect(webhook).toMatchObject({
      tls: {
        clientCertificate: { subject: 'CN=hookline-client', issuer: 'CN=Receiver CA' },
        caCertificates: [{ subject: 'CN=Receiver CA' }],
      },
    });
    const read = await context.http.request<WebhookBody>('GET', `/v1/webhooks/${webhook.id}`, {
      token: token(),
    });
    expect(JSON.stringify(read.body)).not.toContain('PRIVATE KEY');

    const [row] = await context.database.query<Array<{ tls: Record<string, string> }>>(
      'SELECT tls FROM subscription.webhook WHERE id = $1',
      [webhook.id],
    );
    expect(JSON.stringify(row.tls)).not.toContain('PRIVATE KEY');
    expect(context.secretBox.decrypt(row.tls.encryptedPrivateKey, webhook.id)).toBe(client.key);
    expect(() => context.secretBox.decrypt(row.tls.encryptedPrivateKey, 'wh_other')).toThrow();

    await eventually(() => expect(statesOf(webhook.id)[0]?.tls).toBeTruthy());
    const published = statesOf(webhook.id)[0].tls!;
    expect(published).toEqual({
      clientCertificate: client.cert,
      encryptedPrivateKey: expect.any(String),
      caCertificates: pki.ca.cert,
    });
    expect(context.secretBox.decrypt(published.encryptedPrivateKey!, webhook.id)).toBe(client.key);

    expect(await context.patchWebhook(token(), webhook.id, { tls: null })).toMatchObject({
      tls: null,
      version: 2,
    });
    await eventually(() => expect(statesOf(webhook.id)[1]?.tls).toBeNull());
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
    const before = await context.http.request<{ items: unknown[] }>('GET', '/v1/webhooks', {
      token: token(),
    });
    const response = await context.http.request<ErrorBody>('POST', '/v1/webhooks', {
      token: token(),
      body: { name: 'bad tls', url: 'https://hooks.example.com/x', events: ['job.*'], tls },
    });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain(message);
    expect(JSON.stringify(response.body)).not.toContain('PRIVATE KEY');
    const after = await context.http.request<{ items: unknown[] }>('GET', '/v1/webhooks', { token: token() });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });
});
