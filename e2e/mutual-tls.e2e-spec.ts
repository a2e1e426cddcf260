import { TestConnectProxy, TestReceiver, createTestPki, eventually } from '@hookline/testing';
import { call } from './support/api-client';
import { arrivalOf } from './support/arrivals';
import {
  createOrganization,
  createWebhook,
  publishEvent,
  startPlatform,
  untilRouted,
  type Platform,
} from './support/platform';

interface LoggedAttempt {
  outcome: string;
  error: string | null;
}

/**
 * Mutual TLS through the whole stack, with every delivery leaving through an HTTP CONNECT proxy: a
 * receiver that requires a client certificate from its private CA takes the webhook that has one,
 * and refuses the one that only trusts the CA, which the delivery log shows as a TLS failure.
 */
describe('mutual TLS and the egress proxy through the whole stack', () => {
  const pki = createTestPki('Receiver CA');
  const client = pki.issue({ commonName: 'hookline-client', usage: 'client' });
  let proxy: TestConnectProxy;
  let receiver: TestReceiver;
  let platform: Platform;
  let key: string;

  beforeAll(async () => {
    proxy = await TestConnectProxy.start({ credentials: { user: 'egress', password: 'tunnel pass' } });
    receiver = await TestReceiver.start(undefined, {
      tls: {
        ...pki.issue({ commonName: 'localhost', usage: 'server', names: ['localhost'] }),
        ca: pki.ca.cert,
      },
    });
    platform = await startPlatform({ DELIVERY_EGRESS_PROXY_URL: proxy.url });
    key = (await createOrganization(platform, 'Mutual TLS')).apiKey.key;
  });

  afterAll(async () => {
    await platform?.stop();
    await receiver?.stop();
    await proxy?.stop();
  });

  /** The attempts the log holds for the event's delivery at the webhook, once `holds` accepts them. */
  const loggedAttempts = (webhookId: string, eventId: string, holds: (attempts: LoggedAttempt[]) => void) =>
    eventually(
      async () => {
        const audit = platform.audit.baseUrl;
        const listed = await call<{ items: Array<{ id: string }> }>(
          'GET',
          `${audit}/v1/webhooks/${webhookId}/deliveries?eventId=${eventId}`,
          { token: key },
        );
        expect(listed.body.items).toHaveLength(1);
        const detail = await call<{ attempts: LoggedAttempt[] }>(
          'GET',
          `${audit}/v1/deliveries/${listed.body.items[0].id}`,
          { token: key },
        );
        holds(detail.body.attempts);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );

  it('delivers with the client certificate, refuses without it, and sends every delivery through the proxy', async () => {
    const withCertificate = await createWebhook(platform, key, {
      name: 'mTLS',
      url: `${receiver.url}/mtls`,
      events: ['job.*'],
      active: true,
      tls: { clientCertificate: client.cert, privateKey: client.key, caCertificates: pki.ca.cert },
    });
    const shown = await call<{ tls: unknown }>(
      'GET',
      `${platform.subscription.baseUrl}/v1/webhooks/${withCertificate.id}`,
      {
        token: key,
      },
    );
    expect(shown.body.tls).toMatchObject({
      clientCertificate: { subject: 'CN=hookline-client', issuer: 'CN=Receiver CA' },
      caCertificates: [{ subject: 'CN=Receiver CA' }],
    });
    expect(JSON.stringify(shown.body)).not.toContain('PRIVATE KEY');
    const caOnly = await createWebhook(platform, key, {
      name: 'CA only',
      url: `${receiver.url}/ca-only`,
      events: ['job.*'],
      active: true,
      tls: { caCertificates: pki.ca.cert },
    });

    await untilRouted(
      () => publishEvent(platform, key, 'job_warmup'),
      (eventId) =>
        expect(receiver.requestsTo('/mtls').map((request) => request.headers['webhook-id'])).toContain(
          eventId,
        ),
    );
    const eventId = await publishEvent(platform, key, 'job_mtls');
    const arrived = await arrivalOf(receiver, eventId, { path: '/mtls', timeoutMs: 30_000 });
    expect(arrived.clientCertificate).toBe('hookline-client');

    await loggedAttempts(caOnly.id, eventId, (attempts) => {
      expect(attempts.length).toBeGreaterThan(0);
      expect(attempts[0].outcome).toBe('tls');
      expect(attempts[0].error).toContain('CERTIFICATE_REQUIRED');
    });
    expect(receiver.requestsTo('/ca-only')).toEqual([]);

    const port = new URL(receiver.url).port;
    const expected = `Basic ${Buffer.from('egress:tunnel pass').toString('base64')}`;
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(proxy.tunnels.every((tunnel) => tunnel.authority === `127.0.0.1:${port}`)).toBe(true);
    expect(proxy.tunnels.every((tunnel) => tunnel.proxyAuthorization === expected && tunnel.accepted)).toBe(
      true,
    );
    // No connection reached the receiver except through a tunnel.
    expect(receiver.connections).toBe(proxy.tunnels.length);
  });
});
