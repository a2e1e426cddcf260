import { Agent, request } from 'undici';
import { TestConnectProxy, TestReceiver, createTestPki } from '@hookline/testing';
import { EgressPolicy } from './egress-policy';
import { parseEgressProxyUrl } from './egress-proxy';
import type { ResolveAllAddresses } from './guarded-lookup';
import { createTunnelingConnector, type TunnelingConnectorOptions } from './tunneling-connector';

describe(createTunnelingConnector.name, () => {
  const pki = createTestPki();
  const serverCertificate = pki.issue({ commonName: 'localhost', usage: 'server', names: ['localhost'] });
  const client = pki.issue({ commonName: 'hookline-client', usage: 'client' });
  const loopback = new EgressPolicy({ allowInsecureUrls: true, allowCidrs: ['127.0.0.0/8'] });
  const strict = new EgressPolicy({ allowInsecureUrls: true, allowCidrs: [] });
  const started: Array<{ stop(): Promise<void> }> = [];
  const agents: Agent[] = [];

  async function startProxy(credentials?: { user: string; password: string }): Promise<TestConnectProxy> {
    const proxy = await TestConnectProxy.start({ credentials });
    started.push(proxy);
    return proxy;
  }

  async function startReceiver(
    tls: { cert: string; key: string; ca?: string } = { ...serverCertificate, ca: pki.ca.cert },
  ): Promise<TestReceiver> {
    const receiver = await TestReceiver.start(undefined, { tls });
    started.push(receiver);
    return receiver;
  }

  function post(
    url: string,
    proxyUrl: string,
    policy = loopback,
    options: Partial<TunnelingConnectorOptions> = {},
  ): Promise<number> {
    const agent = new Agent({
      connect: createTunnelingConnector(policy, parseEgressProxyUrl(proxyUrl), {
        timeout: 5_000,
        ...options,
      }),
    });
    agents.push(agent);
    return request(url, { method: 'POST', body: '{}', dispatcher: agent }).then(async (response) => {
      await response.body.dump();
      return response.statusCode;
    });
  }

  afterEach(async () => {
    await Promise.all(agents.splice(0).map((agent) => agent.destroy()));
    await Promise.all(started.splice(0).map((server) => server.stop()));
  });

  it('tunnels to the address it checked and runs mutual TLS end to end, verified against the host name', async () => {
    const proxy = await startProxy();
    const receiver = await startReceiver();
    const tls = { cert: client.cert, key: client.key, ca: pki.ca.cert };

    expect(await post(`${receiver.url}/in`, proxy.url, loopback, { tls })).toBe(200);

    const port = new URL(receiver.url).port;
    expect(proxy.tunnels).toEqual([
      { authority: `127.0.0.1:${port}`, proxyAuthorization: null, accepted: true },
    ]);
    expect(receiver.requests.map((request) => request.clientCertificate)).toEqual(['hookline-client']);
  });

  it('refuses a certificate for another name, and one from an untrusted CA', async () => {
    const proxy = await startProxy();
    const elsewhere = pki.issue({ commonName: 'elsewhere', usage: 'server', names: ['elsewhere.example'] });
    const wrongName = await startReceiver({ ...elsewhere });
    await expect(
      post(`${wrongName.url}/in`, proxy.url, loopback, { tls: { ca: pki.ca.cert } }),
    ).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    const plain = await startReceiver({ ...serverCertificate });
    await expect(post(`${plain.url}/in`, proxy.url)).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('refuses a private destination before any tunnel is opened, also when a name resolves to one', async () => {
    const proxy = await startProxy();
    const receiver = await TestReceiver.start();
    started.push(receiver);

    await expect(post(`${receiver.url}/in`, proxy.url, strict)).rejects.toMatchObject({
      code: 'EHOSTBLOCKED',
    });
    const rebinding: ResolveAllAddresses = (_hostname, _options, callback) =>
      callback(null, [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ]);
    await expect(
      post('http://hooks.example.com/in', proxy.url, strict, { resolve: rebinding }),
    ).rejects.toMatchObject({ code: 'EHOSTBLOCKED' });
    expect(proxy.tunnels).toEqual([]);
    expect(receiver.requests).toEqual([]);
  });

  it('authenticates to the proxy with the userinfo of its URL, and names a refusal without the password', async () => {
    const credentials = { user: 'hookline', password: 's3cret:pass' };
    const proxy = await startProxy(credentials);
    const receiver = await TestReceiver.start();
    started.push(receiver);

    expect(await post(`${receiver.url}/in`, proxy.url)).toBe(200);
    expect(proxy.tunnels[0]).toMatchObject({
      proxyAuthorization: `Basic ${Buffer.from('hookline:s3cret:pass').toString('base64')}`,
      accepted: true,
    });

    const wrong = proxy.url.replace(encodeURIComponent('s3cret:pass'), 'guess');
    const refusal = await post(`${receiver.url}/in`, wrong).catch((error: NodeJS.ErrnoException) => error);
    expect(refusal).toMatchObject({ code: 'EPROXY' });
    expect((refusal as Error).message).toMatch(
      /^egress proxy http:\/\/127\.0\.0\.1:\d+ answered 407 to CONNECT/,
    );
    expect((refusal as Error).message).not.toContain('guess');
    expect(receiver.requests).toHaveLength(1);
  });
});
