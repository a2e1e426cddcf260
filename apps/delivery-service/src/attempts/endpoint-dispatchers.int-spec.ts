import type { EndpointTls, WebhookState } from '@hookline/contracts';
import { EgressPolicy } from '@hookline/security';
import { LOOPBACK_EGRESS_ENV, TestConnectProxy, TestReceiver, createTestPki } from '@hookline/testing';
import { testDeliveryConfig, testSecretBox, webhookFixture } from '../../test/fixtures';
import { attemptDeliveryOf, firstAttemptInput, loopbackEgressPolicy } from '../../test/attempt-fixtures';
import { OAuth2TokenClient } from '../oauth2/oauth2-token.client';
import { EndpointDispatchers } from './endpoint-dispatchers';

/** Deliveries over mutual TLS and through the egress proxy, against real servers on loopback. */
describe(EndpointDispatchers.name, () => {
  const box = testSecretBox();
  const pki = createTestPki();
  const serverCertificate = pki.issue({ commonName: 'localhost', usage: 'server', names: ['localhost'] });
  const client = pki.issue({ commonName: 'hookline-client', usage: 'client' });
  const config = testDeliveryConfig(LOOPBACK_EGRESS_ENV);
  const loopback = loopbackEgressPolicy();
  const strict = new EgressPolicy({ allowInsecureUrls: true, allowCidrs: [] });
  const started: Array<{ stop(): Promise<void> }> = [];
  const built: EndpointDispatchers[] = [];
  const tokenClients: OAuth2TokenClient[] = [];

  const withCertificate = (): EndpointTls => ({
    clientCertificate: client.cert,
    encryptedPrivateKey: null,
    caCertificates: pki.ca.cert,
  });

  function dispatchers(proxyUrl = '', policy = loopback, capacity?: number): EndpointDispatchers {
    const made = new EndpointDispatchers(policy, { DELIVERY_EGRESS_PROXY_URL: proxyUrl }, capacity);
    built.push(made);
    return made;
  }

  /** Attempt 1 of a delivery to `state` through `agents`. */
  function attempt(agents: EndpointDispatchers, state: WebhookState, policy = loopback) {
    const tokens = new OAuth2TokenClient(policy, config);
    tokenClients.push(tokens);
    const delivery = attemptDeliveryOf({ box, agents, tokens, policy, config });
    return delivery.execute(firstAttemptInput(state), async () => undefined);
  }

  /** A webhook state as subscription-service publishes it: the client key sealed with its id. */
  function stateWith(url: string, tls: EndpointTls | null, version = 1): WebhookState {
    const { state } = webhookFixture(box, { url, version });
    if (tls === null || tls.clientCertificate === null) {
      return { ...state, tls };
    }
    return { ...state, tls: { ...tls, encryptedPrivateKey: box.encrypt(client.key, state.id) } };
  }

  async function start<T extends { stop(): Promise<void> }>(server: Promise<T>): Promise<T> {
    const running = await server;
    started.push(running);
    return running;
  }

  const mutualTlsReceiver = () =>
    start(TestReceiver.start(undefined, { tls: { ...serverCertificate, ca: pki.ca.cert } }));

  afterEach(async () => {
    await Promise.all(built.splice(0).map((made) => made.onApplicationShutdown()));
    await Promise.all(tokenClients.splice(0).map((tokens) => tokens.onApplicationShutdown()));
    await Promise.all(started.splice(0).map((server) => server.stop()));
  });

  it('presents the webhook’s client certificate to an endpoint that requires one', async () => {
    const receiver = await mutualTlsReceiver();
    const result = await attempt(dispatchers(), stateWith(`${receiver.url}/in`, withCertificate()));
    expect(result).toMatchObject({ outcome: 'success', responseStatus: 200, error: null });
    expect(receiver.requests.map((request) => request.clientCertificate)).toEqual(['hookline-client']);
  });

  it('classes a handshake the endpoint ended for want of a client certificate as tls', async () => {
    const receiver = await mutualTlsReceiver();
    const caOnly = { clientCertificate: null, encryptedPrivateKey: null, caCertificates: pki.ca.cert };
    const result = await attempt(dispatchers(), stateWith(`${receiver.url}/in`, caOnly));
    expect(result).toMatchObject({ outcome: 'tls', responseStatus: null });
    expect(result.error).toContain('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED');
    expect(receiver.requests).toEqual([]);
  });

  it('keeps certificate verification on: a webhook without the CA cannot reach a private-CA endpoint', async () => {
    const receiver = await mutualTlsReceiver();
    const result = await attempt(dispatchers(), stateWith(`${receiver.url}/in`, null));
    expect(result).toMatchObject({ outcome: 'tls' });
    expect(result.error).toContain('SELF_SIGNED_CERT_IN_CHAIN');
  });

  it('keeps one agent per webhook version, replacing and closing older ones, the least recent past capacity', async () => {
    const agents = dispatchers('', loopback, 2);
    const tls = { cert: client.cert, key: client.key, ca: pki.ca.cert };
    const first = agents.dispatcherFor({ webhookId: 'wh_a', version: 1, tls });
    expect(agents.dispatcherFor({ webhookId: 'wh_a', version: 1, tls })).toBe(first);
    expect(agents.dispatcherFor({ webhookId: 'wh_x', version: 1, tls: null })).toBe(
      agents.dispatcherFor({ webhookId: 'wh_y', version: 7, tls: null }),
    );
    const second = agents.dispatcherFor({ webhookId: 'wh_a', version: 2, tls });
    expect(second).not.toBe(first);
    expect(first.closed).toBe(true);
    const other = agents.dispatcherFor({ webhookId: 'wh_b', version: 1, tls });
    agents.dispatcherFor({ webhookId: 'wh_c', version: 1, tls });
    expect(agents.ownAgents).toBe(2);
    expect(second.closed).toBe(true);
    expect(other.closed).toBe(false);
  });

  it('sends every delivery through the egress proxy, mutual TLS included, to the checked address', async () => {
    const proxy = await start(TestConnectProxy.start({ credentials: { user: 'egress', password: 'p@ss' } }));
    const secure = await mutualTlsReceiver();
    const plain = await start(TestReceiver.start());
    const agents = dispatchers(proxy.url);

    expect(await attempt(agents, stateWith(`${secure.url}/in`, withCertificate()))).toMatchObject({
      outcome: 'success',
    });
    expect(await attempt(agents, stateWith(`${plain.url}/in`, null))).toMatchObject({ outcome: 'success' });

    expect(proxy.tunnels.map((tunnel) => [tunnel.authority, tunnel.accepted])).toEqual([
      [`127.0.0.1:${new URL(secure.url).port}`, true],
      [`127.0.0.1:${new URL(plain.url).port}`, true],
    ]);
    expect(secure.requests.map((request) => request.clientCertificate)).toEqual(['hookline-client']);
    expect(plain.requests).toHaveLength(1);
  });

  it('still refuses a private destination when the proxy is configured, the proxy itself being private', async () => {
    const proxy = await start(TestConnectProxy.start());
    const receiver = await start(TestReceiver.start());
    // The URL check passes (loopback allowed at save); the connect-time guard is the strict one.
    const result = await attempt(dispatchers(proxy.url, strict), stateWith(`${receiver.url}/in`, null));
    expect(result).toMatchObject({ outcome: 'blocked', responseStatus: null });
    expect(proxy.tunnels).toEqual([]);
    expect(receiver.requests).toEqual([]);
  });
});
