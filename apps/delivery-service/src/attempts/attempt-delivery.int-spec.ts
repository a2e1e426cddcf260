import { createServer, type Server } from 'node:http';
import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { RESPONSE_BODY_LIMIT_BYTES, type AttemptStart } from '@hookline/contracts';
import { EgressPolicy } from '@hookline/security';
import { LOOPBACK_EGRESS_ENV, TestReceiver } from '@hookline/testing';
import { OAuth2TokenClient } from '../oauth2/oauth2-token.client';
import { testDeliveryConfig, testSecretBox, webhookFixture } from '../../test/fixtures';
import { attemptDeliveryOf, firstAttemptInput, loopbackEgressPolicy } from '../../test/attempt-fixtures';
import { AttemptDelivery } from './attempt-delivery';
import { EndpointDispatchers } from './endpoint-dispatchers';

describe(AttemptDelivery.name, () => {
  const box = testSecretBox();
  const config = testDeliveryConfig({ DELIVERY_USER_AGENT_VERSION: '9.9.9', ...LOOPBACK_EGRESS_ENV });
  const loopback = loopbackEgressPolicy();
  const receivers: TestReceiver[] = [];
  const dispatchers: EndpointDispatchers[] = [];
  const tokenClients: OAuth2TokenClient[] = [];
  const starts: AttemptStart[] = [];
  const recordStart = async (start: AttemptStart) => {
    starts.push(start);
  };

  function attemptDelivery(policy = loopback, connectPolicy = policy): AttemptDelivery {
    const agents = new EndpointDispatchers(connectPolicy, config);
    const tokens = new OAuth2TokenClient(connectPolicy, config);
    dispatchers.push(agents);
    tokenClients.push(tokens);
    return attemptDeliveryOf({ box, agents, tokens, policy, config });
  }

  async function receiver(reply?: Parameters<typeof TestReceiver.start>[0]): Promise<TestReceiver> {
    const started = await TestReceiver.start(reply);
    receivers.push(started);
    return started;
  }

  afterEach(async () => {
    starts.length = 0;
    await Promise.all(receivers.splice(0).map((started) => started.stop()));
    await Promise.all(dispatchers.splice(0).map((agents) => agents.onApplicationShutdown()));
    await Promise.all(tokenClients.splice(0).map((tokens) => tokens.onApplicationShutdown()));
  });

  it('records the start, under the id the request carries, before the request goes out', async () => {
    const startsSeenByReceiver: number[] = [];
    const endpoint = await receiver(() => {
      startsSeenByReceiver.push(starts.length);
      return { status: 204 };
    });
    const { state } = webhookFixture(box, { url: `${endpoint.url}/hooks` });
    const input = firstAttemptInput(state);

    const result = await attemptDelivery().execute(input, recordStart);

    expect(startsSeenByReceiver).toEqual([1]);
    expect(starts).toEqual([
      expect.objectContaining({
        attemptId: result.attemptId,
        deliveryId: input.deliveryId,
        attempt: 1,
        startedAt: result.startedAt.toISOString(),
        requestHeaders: result.requestHeaders,
      }),
    ]);
    expect(starts[0].requestHeaders['webhook-signature']).toBe('[redacted]');
    const [received] = endpoint.requests;
    expect(received.headers['hookline-attempt-id']).toBe(result.attemptId);
  });

  it('sends nothing when the start cannot be recorded', async () => {
    const endpoint = await receiver(() => ({ status: 200 }));
    const { state } = webhookFixture(box, { url: `${endpoint.url}/hooks` });
    const unrecorded = async () => {
      throw new Error('broker unreachable');
    };

    await expect(attemptDelivery().execute(firstAttemptInput(state), unrecorded)).rejects.toThrow(
      'broker unreachable',
    );
    expect(endpoint.requests).toEqual([]);
  });

  it('POSTs the signed Standard Webhooks request and reports success', async () => {
    const endpoint = await receiver(() => ({
      status: 200,
      headers: { 'x-receipt': 'r1', 'set-cookie': 'session=abc' },
      body: 'thanks',
    }));
    const { state, secrets } = webhookFixture(box, {
      url: `${endpoint.url}/hooks`,
      headers: { 'X-Tenant': 'acme' },
    });
    state.auth = { type: 'basic', username: 'hook', encryptedPassword: box.encrypt('pw', state.id) };
    const input = firstAttemptInput(state);

    const result = await attemptDelivery().execute(input, recordStart);

    expect(result).toMatchObject({
      outcome: 'success',
      responseStatus: 200,
      responseBody: 'thanks',
      responseBodyTruncated: false,
      error: null,
    });
    expect(result.responseHeaders).toMatchObject({ 'x-receipt': 'r1', 'set-cookie': '[redacted]' });
    expect(result.requestHeaders).toMatchObject({
      authorization: '[redacted]',
      'webhook-signature': '[redacted]',
      'webhook-id': input.event.id,
      'x-tenant': 'acme',
    });
    const [received] = endpoint.requests;
    expect(endpoint.requests).toHaveLength(1);
    expect(received).toMatchObject({ method: 'POST', path: '/hooks' });
    expect(received.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Hookline/9.9.9',
      'webhook-id': input.event.id,
      authorization: `Basic ${Buffer.from('hook:pw').toString('base64')}`,
      'x-tenant': 'acme',
    });
    expect(Number(received.headers['webhook-timestamp'])).toBe(Math.floor(result.startedAt.getTime() / 1000));
    expect(received.body).toBe(input.payload.body.toString());
    expect(new Webhook(secrets[0]).verify(received.body, received.headers as Record<string, string>)).toEqual(
      input.payload.payload,
    );
  });

  it('signs with every secret still in its grace period', async () => {
    const endpoint = await receiver();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const earlier = new Date(Date.now() - 1_000).toISOString();
    const { state, secrets } = webhookFixture(box, { url: endpoint.url }, [
      { expiresAt: null },
      { expiresAt: later },
      { expiresAt: earlier },
    ]);

    await attemptDelivery().execute(firstAttemptInput(state), recordStart);

    const headers = endpoint.requests[0].headers as Record<string, string>;
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(secrets[0]).verify(endpoint.requests[0].body, headers)).not.toThrow();
    expect(() => new Webhook(secrets[1]).verify(endpoint.requests[0].body, headers)).not.toThrow();
    expect(() => new Webhook(secrets[2]).verify(endpoint.requests[0].body, headers)).toThrow();
  });

  it('does not follow a redirect', async () => {
    const endpoint = await receiver((request) =>
      request.path === '/moved' ? { status: 200 } : { status: 302, headers: { location: '/moved' } },
    );
    const { state } = webhookFixture(box, { url: `${endpoint.url}/hook` });

    const result = await attemptDelivery().execute(firstAttemptInput(state), recordStart);

    expect(result).toMatchObject({ outcome: 'http_3xx', responseStatus: 302 });
    expect(endpoint.requests.map((request) => request.path)).toEqual(['/hook']);
  });

  it.each([
    [404, 'http_4xx'],
    [500, 'http_5xx'],
  ])('reports status %i as %s', async (status, outcome) => {
    const endpoint = await receiver(() => ({ status, body: 'nope' }));
    const { state } = webhookFixture(box, { url: endpoint.url });

    await expect(attemptDelivery().execute(firstAttemptInput(state), recordStart)).resolves.toMatchObject({
      outcome,
      responseStatus: status,
      responseBody: 'nope',
    });
  });

  it('keeps only the first RESPONSE_BODY_LIMIT_BYTES of a large response', async () => {
    const endpoint = await receiver(() => ({ status: 200, body: 'x'.repeat(RESPONSE_BODY_LIMIT_BYTES * 3) }));
    const { state } = webhookFixture(box, { url: endpoint.url });

    const result = await attemptDelivery().execute(firstAttemptInput(state), recordStart);

    expect(result.outcome).toBe('success');
    expect(result.responseBodyTruncated).toBe(true);
    expect(result.responseBody).toHaveLength(RESPONSE_BODY_LIMIT_BYTES);
  });

  it('times out after the webhook’s timeoutSeconds', async () => {
    const endpoint = await receiver(() => ({ status: 200, hang: true }));
    const { state } = webhookFixture(box, { url: endpoint.url, timeoutSeconds: 1 });

    const result = await attemptDelivery().execute(firstAttemptInput(state), recordStart);

    expect(result).toMatchObject({ outcome: 'timeout', responseStatus: null });
    expect(result.durationMs).toBeGreaterThanOrEqual(900);
    expect(result.durationMs).toBeLessThan(5_000);
  });

  it('times out a body that trickles past the deadline', async () => {
    const server: Server = createServer((_request, response) => {
      response.writeHead(200);
      const timer = setInterval(() => response.write('.'), 100);
      response.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { state } = webhookFixture(box, { url: `http://127.0.0.1:${port}/`, timeoutSeconds: 1 });

    try {
      const result = await attemptDelivery().execute(firstAttemptInput(state), recordStart);
      expect(result).toMatchObject({ outcome: 'success', responseStatus: 200 });
      expect(result.error).toMatch(/^response body unreadable/);
      expect(result.durationMs).toBeLessThan(5_000);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reports a refused connection', async () => {
    const endpoint = await receiver();
    const url = endpoint.url;
    await endpoint.stop();
    receivers.splice(receivers.indexOf(endpoint), 1);
    const { state } = webhookFixture(box, { url });

    await expect(attemptDelivery().execute(firstAttemptInput(state), recordStart)).resolves.toMatchObject({
      outcome: 'connection_refused',
      responseStatus: null,
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('is blocked by the egress policy at connect time, after DNS', async () => {
    const endpoint = await receiver();
    const { state } = webhookFixture(box, { url: `http://localhost:${new URL(endpoint.url).port}/` });
    // The URL passes the save-time rules; the connector still refuses the loopback address (as after a DNS rebind).
    const connectGuard = new EgressPolicy({ allowInsecureUrls: true, allowCidrs: [] });

    const result = await attemptDelivery(loopback, connectGuard).execute(
      firstAttemptInput(state),
      recordStart,
    );

    expect(result).toMatchObject({ outcome: 'blocked', error: expect.stringContaining('EHOSTBLOCKED') });
    expect(endpoint.requests).toHaveLength(0);
  });

  it('refuses a URL the policy forbids before connecting', async () => {
    const { state } = webhookFixture(box, { url: 'http://hooks.example.com/' });
    const strict = new EgressPolicy({ allowInsecureUrls: false, allowCidrs: [] });

    await expect(
      attemptDelivery(strict).execute(firstAttemptInput(state), recordStart),
    ).resolves.toMatchObject({
      outcome: 'blocked',
      error: expect.stringContaining('url must use https'),
      requestHeaders: {},
    });
  });

  it('sends nothing when the secrets cannot be opened', async () => {
    const endpoint = await receiver();
    const { state } = webhookFixture(box, { url: endpoint.url });
    const moved = { ...state, id: 'wh_elsewhere' };
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    const result = await attemptDelivery().execute(firstAttemptInput(moved), recordStart);

    expect(logged).toHaveBeenCalledWith(
      expect.stringContaining('Webhook wh_elsewhere (version 1): not sent'),
    );
    logged.mockRestore();
    expect(result).toMatchObject({
      outcome: 'blocked',
      error: expect.stringContaining('cannot sign or authenticate'),
    });
    expect(endpoint.requests).toHaveLength(0);
  });
});
