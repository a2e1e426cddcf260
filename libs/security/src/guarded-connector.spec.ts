import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { EgressPolicy } from './egress-policy';

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

/** undici may hand back the connector's error itself or wrap it as `cause`. */
function errorCodeOf(error: unknown): unknown {
  if (!(error instanceof Error)) {
    return undefined;
  }
  const { code } = error as Error & { code?: unknown };
  return code ?? errorCodeOf(error.cause);
}

async function fetchThrough(
  policy: EgressPolicy,
  url: string,
): Promise<{ status: number; body: string } | { errorCode: unknown }> {
  const agent = new Agent({ connect: policy.createGuardedConnector() });
  try {
    const response = await request(url, { dispatcher: agent });
    return { status: response.statusCode, body: await response.body.text() };
  } catch (error: unknown) {
    return { errorCode: errorCodeOf(error) };
  } finally {
    await agent.close();
  }
}

describe('createGuardedConnector', () => {
  const server = createServer((_req, res) => res.end('delivered'));
  let port = 0;

  beforeAll(async () => {
    port = await listen(server);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await close(server);
  });

  const strict = new EgressPolicy({ allowInsecureUrls: true, allowCidrs: [] });
  const loopbackAllowed = new EgressPolicy({
    allowInsecureUrls: true,
    allowCidrs: ['127.0.0.0/8', '::1/128'],
  });

  it('refuses an IP-literal loopback target with an empty allowlist', async () => {
    await expect(fetchThrough(strict, `http://127.0.0.1:${port}/`)).resolves.toEqual({
      errorCode: 'EHOSTBLOCKED',
    });
  });

  it('refuses localhost after DNS with an empty allowlist', async () => {
    await expect(fetchThrough(strict, `http://localhost:${port}/`)).resolves.toEqual({
      errorCode: 'EHOSTBLOCKED',
    });
  });

  it('connects to an IP-literal loopback target once 127.0.0.0/8 is allowed', async () => {
    await expect(fetchThrough(loopbackAllowed, `http://127.0.0.1:${port}/`)).resolves.toEqual({
      status: 200,
      body: 'delivered',
    });
  });

  it('connects to localhost once loopback is allowed', async () => {
    await expect(fetchThrough(loopbackAllowed, `http://localhost:${port}/`)).resolves.toEqual({
      status: 200,
      body: 'delivered',
    });
  });

  it('refuses targets outside the allowlist even when loopback is allowed', async () => {
    await expect(fetchThrough(loopbackAllowed, `http://10.255.255.1:${port}/`)).resolves.toEqual({
      errorCode: 'EHOSTBLOCKED',
    });
    await expect(fetchThrough(loopbackAllowed, `http://[::ffff:a9fe:a9fe]:${port}/`)).resolves.toEqual({
      errorCode: 'EHOSTBLOCKED',
    });
  });
});
