import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received: signatures are computed over it. */
  body: string;
  receivedAt: number;
  /** Over TLS: the common name of the client certificate the sender presented, else null. */
  clientCertificate: string | null;
}

/**
 * Serve HTTPS on `https://localhost:<port>` with this certificate; with `ca`, only clients
 * presenting a certificate it issued get through (mutual TLS).
 */
export interface ReceiverTls {
  cert: string;
  key: string;
  ca?: string;
}

export interface ReceiverReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (the connection stays open until the receiver stops). */
  hang?: boolean;
  delayMs?: number;
}

export type ReplyPolicy = (request: ReceivedRequest, index: number) => ReceiverReply;

/** A real HTTP endpoint on loopback that records every request and answers as told. */
export class TestReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** TCP connections accepted (over TLS: handshakes begun), whether or not a request followed. */
  connections = 0;
  private server!: Server;
  private reply: ReplyPolicy = () => ({ status: 200, body: 'ok' });
  private readonly hanging = new Set<() => void>();

  private tls: ReceiverTls | null = null;

  static async start(reply?: ReplyPolicy, options: { tls?: ReceiverTls } = {}): Promise<TestReceiver> {
    const receiver = new TestReceiver();
    receiver.tls = options.tls ?? null;
    if (reply) {
      receiver.reply = reply;
    }
    await receiver.listen();
    return receiver;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    // The test certificates are issued for localhost, which resolves to 127.0.0.1 only.
    return this.tls === null ? `http://127.0.0.1:${port}` : `https://localhost:${port}`;
  }

  respondWith(reply: ReplyPolicy): void {
    this.reply = reply;
  }

  requestsTo(path: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async stop(): Promise<void> {
    for (const release of this.hanging) {
      release();
    }
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private listen(): Promise<void> {
    const handler: Parameters<typeof createServer>[1] = (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request: ReceivedRequest = {
          method: req.method ?? '',
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
          clientCertificate: clientCommonName(req.socket as TLSSocket),
        };
        const index = this.requests.push(request) - 1;
        const reply = this.reply(request, index);
        if (reply.hang) {
          const release = () => res.destroy();
          this.hanging.add(release);
          res.on('close', () => this.hanging.delete(release));
          return;
        }
        const send = () => {
          res.writeHead(reply.status, reply.headers);
          res.end(reply.body ?? '');
        };
        if (reply.delayMs) {
          setTimeout(send, reply.delayMs);
        } else {
          send();
        }
      });
    };
    this.server =
      this.tls === null
        ? createServer(handler)
        : createHttpsServer(
            {
              cert: this.tls.cert,
              key: this.tls.key,
              ...(this.tls.ca === undefined
                ? {}
                : { ca: this.tls.ca, requestCert: true, rejectUnauthorized: true }),
            },
            handler,
          );
    this.server.on('connection', () => {
      this.connections += 1;
    });
    this.server.keepAliveTimeout = 5_000;
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
  }
}

function clientCommonName(socket: TLSSocket): string | null {
  if (typeof socket.getPeerCertificate !== 'function') {
    return null;
  }
  const subject = socket.getPeerCertificate().subject as Record<string, string> | undefined;
  return subject?.CN ?? null;
}
