import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received: signatures are computed over it. */
  body: string;
  receivedAt: number;
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
  private server!: Server;
  private reply: ReplyPolicy = () => ({ status: 200, body: 'ok' });
  private readonly hanging = new Set<() => void>();

  static async start(reply?: ReplyPolicy): Promise<TestReceiver> {
    const receiver = new TestReceiver();
    if (reply) {
      receiver.reply = reply;
    }
    await receiver.listen();
    return receiver;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
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
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request: ReceivedRequest = {
          method: req.method ?? '',
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
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
    });
    this.server.keepAliveTimeout = 5_000;
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
  }
}
