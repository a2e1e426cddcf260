import { TestConnectProxy, createTestPki } from '@hookline/testing';
import { call } from './support/api-client';
import { arrivalOf } from './support/arrivals';
import { loggedDelivery } from './support/delivery-log';
import { useStage } from './support/stage';

/**
 * Mutual TLS through the whole stack, with every delivery leaving through an HTTP CONNECT proxy: a
 * receiver that requires a client certificate from its private CA takes the webhook that has one,
 * and refuses the one that only trusts the CA, which the delivery log shows as a TLS failure.
 */
describe('mutual TLS and the egress proxy through the whole stack', () => {
  const pki = createTestPki('Receiver CA');
  const client = pki.issue({ commonName: 'hookline-client', usage: 'client' });
  let proxy: TestConnectProxy;

  beforeAll(async () => {
    proxy = await TestConnectProxy.start({ credentials: { user: 'egress', password: 'tunnel pass' } });
  });
  const stage = useStage('Mutual TLS', {
    tls: {
      ...pki.issue({ commonName: 'localhost', usage: 'server', names: ['localhost'] }),
      ca: pki.ca.cert,
    },
    env: () => ({ DELIVERY_EGRESS_PROXY_URL: proxy.url }),
  });
  afterAll(async () => {
    await proxy?.stop();
  });

  it('delivers with the client certificate, refuses without it, and sends every delivery through the proxy', async () => {
    const { platform, receiver, key } = stage;
    const withCertificate = await stage.webhookAt('/mtls', {
      name: 'mTLS',
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
    const caOnly = await stage.webhookAt('/ca-only', {
      name: 'CA only',
      tls: { caCertificates: pki.ca.cert },
    });

    await stage.untilRoutedAt('/mtls');
    const eventId = await stage.publish('job_mtls');
    const arrived = await arrivalOf(receiver, eventId, { path: '/mtls', timeoutMs: 30_000 });
    expect(arrived.clientCertificate).toBe('hookline-client');

    await loggedDelivery(platform, key, { webhookId: caOnly.id, eventId }, ({ attempts }) => {
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
