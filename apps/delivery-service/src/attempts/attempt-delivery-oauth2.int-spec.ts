import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttemptStart, WebhookState } from '@hookline/contracts';
import { EgressPolicy } from '@hookline/security';
import {
  LOOPBACK_EGRESS_ENV,
  TestConnectProxy,
  TestReceiver,
  type ReceivedRequest,
  type ReplyPolicy,
} from '@hookline/testing';
import { OAuth2TokenClient } from '../oauth2/oauth2-token.client';
import { testDeliveryConfig, testSecretBox, webhookFixture } from '../../test/fixtures';
import { attemptDeliveryOf, firstAttemptInput, loopbackEgressPolicy } from '../../test/attempt-fixtures';
import { AttemptDelivery, type AttemptResult } from './attempt-delivery';
import { EndpointDispatchers } from './endpoint-dispatchers';

const CLIENT_SECRET = 'cs_live_do-not-log';

describe(`${AttemptDelivery.name} with OAuth2 client credentials`, () => {
  const box = testSecretBox();
  const config = testDeliveryConfig({ DELIVERY_USER_AGENT_VERSION: '9.9.9', ...LOOPBACK_EGRESS_ENV });
  const loopback = loopbackEgressPolicy();
  const receivers: TestReceiver[] = [];
  const clients: Array<EndpointDispatchers | OAuth2TokenClient> = [];
  const recordStart = async (_start: AttemptStart) => undefined;

  function attemptDelivery(
    connectPolicy = loopback,
    tokenEndpointCa: string | null = null,
    proxyUrl = '',
  ): AttemptDelivery {
    const agents = new EndpointDispatchers(connectPolicy, { DELIVERY_EGRESS_PROXY_URL: proxyUrl });
    const tokens = new OAuth2TokenClient(
      connectPolicy,
      { ...config, DELIVERY_EGRESS_PROXY_URL: proxyUrl },
      tokenEndpointCa,
    );
    clients.push(agents, tokens);
    return attemptDeliveryOf({ box, agents, tokens, policy: loopback, config });
  }

  async function receiver(reply?: ReplyPolicy): Promise<TestReceiver> {
    const started = await TestReceiver.start(reply);
    receivers.push(started);
    return started;
  }

  /** A token endpoint issuing `tok_<n>` (n from 0) to the right client, with `expires_in` 3600. */
  const issuing: ReplyPolicy = (request, index) =>
    request.headers.authorization === `Basic ${Buffer.from(`hookline:${CLIENT_SECRET}`).toString('base64')}`
      ? {
          status: 200,
          body: JSON.stringify({ access_token: `tok_${index}`, token_type: 'Bearer', expires_in: 3600 }),
        }
      : { status: 401, body: JSON.stringify({ error: 'invalid_client' }) };

  function oauth2Webhook(endpoint: TestReceiver, tokenUrl: string): WebhookState {
    const { state } = webhookFixture(box, { url: `${endpoint.url}/hooks` });
    state.auth = {
      type: 'oauth2',
      tokenUrl,
      clientId: 'hookline',
      encryptedClientSecret: box.encrypt(CLIENT_SECRET, state.id),
      scope: 'webhooks:receive',
      audience: null,
    };
    return state;
  }

  /** Attempts a delivery to `endpoint` for a webhook that fetches its tokens from `tokenUrl`. */
  const deliverWithTokenFrom = (tokenUrl: string, endpoint: TestReceiver, delivery = attemptDelivery()) =>
    delivery.execute(firstAttemptInput(oauth2Webhook(endpoint, tokenUrl)), recordStart);

  /** Nothing was sent to `endpoint`: the token request failed, with an error matching `cause`. */
  function expectTokenRequestFailed(result: AttemptResult, endpoint: TestReceiver, cause: RegExp): void {
    expect(result).toMatchObject({
      outcome: 'auth_failed',
      error: expect.stringMatching(
        new RegExp(`^not sent: no access token: token endpoint request failed: .*${cause.source}`),
      ),
    });
    expect(endpoint.requests).toHaveLength(0);
  }

  const tokensSeen = (endpoint: TestReceiver): Array<string | undefined> =>
    endpoint.requests.map((request: ReceivedRequest) => request.headers.authorization);

  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((started) => started.stop()));
    await Promise.all(clients.splice(0).map((client) => client.onApplicationShutdown()));
  });

  it('sends the token it fetched with the client credentials grant, and reuses it', async () => {
    const tokenServer = await receiver(issuing);
    const endpoint = await receiver(() => ({ status: 204 }));
    const state = oauth2Webhook(endpoint, `${tokenServer.url}/oauth/token`);
    const delivery = attemptDelivery();

    const first = await delivery.execute(firstAttemptInput(state), recordStart);
    const second = await delivery.execute(firstAttemptInput(state), recordStart);

    expect([first.outcome, second.outcome]).toEqual(['success', 'success']);
    expect(first.requestHeaders.authorization).toBe('[redacted]');
    expect(JSON.stringify([first, second])).not.toContain('tok_0');
    expect(tokensSeen(endpoint)).toEqual(['Bearer tok_0', 'Bearer tok_0']);
    // One request, the client credentials grant as a form.
    expect(tokenServer.requests).toMatchObject([
      {
        method: 'POST',
        path: '/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&scope=webhooks%3Areceive',
      },
    ]);
  });

  it('fetches the token through the egress proxy when one is configured, as it sends the delivery', async () => {
    const proxy = await TestConnectProxy.start();
    try {
      const tokenServer = await receiver(issuing);
      const endpoint = await receiver(() => ({ status: 204 }));
      const state = oauth2Webhook(endpoint, `${tokenServer.url}/oauth/token`);

      const result = await attemptDelivery(loopback, null, proxy.url).execute(
        firstAttemptInput(state),
        recordStart,
      );

      expect(result.outcome).toBe('success');
      expect(tokensSeen(endpoint)).toEqual(['Bearer tok_0']);
      expect(proxy.tunnels.map((tunnel) => tunnel.authority)).toEqual([
        `127.0.0.1:${new URL(tokenServer.url).port}`,
        `127.0.0.1:${new URL(endpoint.url).port}`,
      ]);
    } finally {
      await proxy.stop();
    }
  });

  it('makes one token request for concurrent attempts of a webhook', async () => {
    const tokenServer = await receiver((request, index) => ({ ...issuing(request, index), delayMs: 200 }));
    const endpoint = await receiver(() => ({ status: 200 }));
    const state = oauth2Webhook(endpoint, `${tokenServer.url}/token`);
    const delivery = attemptDelivery();

    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => delivery.execute(firstAttemptInput(state), recordStart)),
    );

    expect(results.map((result) => result.outcome)).toEqual(Array(5).fill('success'));
    expect(tokenServer.requests).toHaveLength(1);
    expect(tokensSeen(endpoint)).toEqual(Array(5).fill('Bearer tok_0'));
  });

  it('replaces a token the endpoint answers 401 to once, and sends the request again with the new one', async () => {
    const tokenServer = await receiver(issuing);
    const endpoint = await receiver((request) =>
      request.headers.authorization === 'Bearer tok_0' ? { status: 401 } : { status: 200, body: 'ok' },
    );
    const state = oauth2Webhook(endpoint, `${tokenServer.url}/token`);
    const delivery = attemptDelivery();

    const result = await delivery.execute(firstAttemptInput(state), recordStart);

    expect(result).toMatchObject({ outcome: 'success', responseStatus: 200, error: null });
    expect(tokensSeen(endpoint)).toEqual(['Bearer tok_0', 'Bearer tok_1']);
    expect(endpoint.requests[1].headers['webhook-id']).toBe(endpoint.requests[0].headers['webhook-id']);
    expect(endpoint.requests[1].headers['hookline-attempt-id']).toBe(result.attemptId);
    expect(tokenServer.requests).toHaveLength(2);
  });

  it('refreshes only once per attempt when the endpoint refuses every token', async () => {
    const tokenServer = await receiver(issuing);
    const endpoint = await receiver(() => ({ status: 401, body: 'no' }));
    const state = oauth2Webhook(endpoint, `${tokenServer.url}/token`);

    const result = await attemptDelivery().execute(firstAttemptInput(state), recordStart);

    expect(result).toMatchObject({ outcome: 'http_4xx', responseStatus: 401, responseBody: 'no' });
    expect(tokensSeen(endpoint)).toEqual(['Bearer tok_0', 'Bearer tok_1']);
    expect(tokenServer.requests).toHaveLength(2);
  });

  it.each<[string, ReplyPolicy, string]>([
    [
      'refuses the client',
      () => ({
        status: 401,
        body: JSON.stringify({ error: 'invalid_client', error_description: `no ${CLIENT_SECRET}` }),
      }),
      'not sent: no access token: token endpoint answered 401 (invalid_client: no [redacted])',
    ],
    [
      'answers 503',
      () => ({ status: 503, body: 'down' }),
      'not sent: no access token: token endpoint answered 503',
    ],
    [
      'answers malformed JSON',
      () => ({ status: 200, body: '{"access_token":' }),
      'not sent: no access token: token endpoint answered 200 without a JSON object',
    ],
    [
      'answers without an access_token',
      () => ({ status: 200, body: '{"token_type":"Bearer"}' }),
      'not sent: no access token: token endpoint answered 200 without an access_token',
    ],
    [
      'answers with more than 64 KiB',
      () => ({ status: 200, body: `{"access_token":"${'a'.repeat(70_000)}","token_type":"Bearer"}` }),
      'not sent: no access token: token endpoint answered 200 with more than 65536 bytes',
    ],
  ])('logs auth_failed and sends nothing when the token endpoint %s', async (_, reply, error) => {
    const tokenServer = await receiver(reply);
    const endpoint = await receiver();
    const state = oauth2Webhook(endpoint, `${tokenServer.url}/token`);

    const result = await attemptDelivery().execute(firstAttemptInput(state), recordStart);

    expect(result).toMatchObject({ outcome: 'auth_failed', error, responseStatus: null, requestHeaders: {} });
    expect(result.error).not.toContain(CLIENT_SECRET);
    expect(endpoint.requests).toHaveLength(0);
  });

  it('logs auth_failed when the token endpoint is unreachable', async () => {
    const tokenServer = await receiver();
    const tokenUrl = `${tokenServer.url}/token`;
    await tokenServer.stop();
    receivers.splice(receivers.indexOf(tokenServer), 1);
    const endpoint = await receiver();

    const result = await deliverWithTokenFrom(tokenUrl, endpoint);

    expectTokenRequestFailed(result, endpoint, /ECONNREFUSED/);
  });

  describe('over TLS', () => {
    let certificate: string;
    let server: Server;
    let tokenUrl: string;

    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hookline-oauth2-tls-'));
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
      const key = readFileSync(join(dir, 'key.pem'), 'utf8');
      rmSync(dir, { recursive: true, force: true });
      server = createServer({ cert: certificate, key }, (request, response) => {
        request.resume();
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ access_token: 'tok_tls', token_type: 'Bearer', expires_in: 60 }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      tokenUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('fetches the token from a token endpoint whose certificate it trusts', async () => {
      const endpoint = await receiver(() => ({ status: 204 }));

      const result = await deliverWithTokenFrom(tokenUrl, endpoint, attemptDelivery(loopback, certificate));

      expect(result.outcome).toBe('success');
      expect(tokensSeen(endpoint)).toEqual(['Bearer tok_tls']);
    });

    it('logs auth_failed, naming the TLS error, when the token endpoint’s certificate is not trusted', async () => {
      const endpoint = await receiver();

      const result = await deliverWithTokenFrom(tokenUrl, endpoint);

      expectTokenRequestFailed(result, endpoint, /SELF_SIGNED/);
    });
  });

  it('refuses a token URL the egress policy forbids at connect time, after DNS', async () => {
    const tokenServer = await receiver(issuing);
    const endpoint = await receiver();
    const state = oauth2Webhook(endpoint, `http://localhost:${new URL(tokenServer.url).port}/token`);
    state.url = `http://127.0.0.1:${new URL(endpoint.url).port}/hooks`;
    const connectGuard = new EgressPolicy({ allowInsecureUrls: true, allowCidrs: [] });

    const result = await attemptDelivery(connectGuard).execute(firstAttemptInput(state), recordStart);

    expect(result).toMatchObject({ outcome: 'blocked', error: expect.stringContaining('EHOSTBLOCKED') });
    expect(tokenServer.requests).toHaveLength(0);
    expect(endpoint.requests).toHaveLength(0);
  });
});
