import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** One CONNECT the proxy accepted or refused. */
export interface ProxiedTunnel {
  /** `host:port` as the client asked for it. */
  authority: string;
  proxyAuthorization: string | null;
  accepted: boolean;
}

/**
 * A real HTTP CONNECT proxy on loopback that records every tunnel; with `credentials`, a CONNECT
 * without the matching `Proxy-Authorization` gets 407.
 */
export class TestConnectProxy {
  readonly tunnels: ProxiedTunnel[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly credentials: { user: string; password: string } | null,
  ) {}

  static async start(
    options: { credentials?: { user: string; password: string } } = {},
  ): Promise<TestConnectProxy> {
    const server = createServer((_req, res) => res.writeHead(405).end());
    const proxy = new TestConnectProxy(server, options.credentials ?? null);
    server.on('connect', (req, clientSocket: Socket, head: Buffer) =>
      proxy.tunnel(req.url ?? '', req.headers['proxy-authorization'] ?? null, clientSocket, head),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return proxy;
  }

  /** `http://[user:password@]127.0.0.1:<port>`, as DELIVERY_EGRESS_PROXY_URL takes it. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    const userinfo =
      this.credentials === null
        ? ''
        : `${encodeURIComponent(this.credentials.user)}:${encodeURIComponent(this.credentials.password)}@`;
    return `http://${userinfo}127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private tunnel(authority: string, authorization: string | null, client: Socket, head: Buffer): void {
    const expected =
      this.credentials === null
        ? null
        : `Basic ${Buffer.from(`${this.credentials.user}:${this.credentials.password}`).toString('base64')}`;
    const accepted = expected === null || authorization === expected;
    this.tunnels.push({ authority, proxyAuthorization: authorization, accepted });
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    if (!accepted) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
      return;
    }
    const separator = authority.lastIndexOf(':');
    const upstream = connect({
      host: authority.slice(0, separator).replace(/^\[(.*)\]$/, '$1'),
      port: Number(authority.slice(separator + 1)),
    });
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) {
        upstream.write(head);
      }
      upstream.pipe(client);
      client.pipe(upstream);
    });
  }
}
