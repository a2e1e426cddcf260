import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  HttpException,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { RELAY_PATH, parseRelayResponseFrame, type ApiScope } from '@hookline/contracts';
import { DatabaseApiKeyVerifier } from '../api-keys/api-key-verifier.service';
import { parseListenRequest } from './parse-listen-request';
import type { RelaySession } from './relay-session';
import { RelaySessionsService } from './relay-sessions.service';

const REQUIRED_SCOPES: ApiScope[] = ['webhooks:write'];
const HEARTBEAT_MS = 30_000;

/**
 * Accepts `hookline listen` connections: WebSocket upgrades of `GET /v1/relay?events=…` with an API key
 * that may write webhooks. Refusals are plain HTTP answers with the API's JSON error body, before any
 * upgrade, so the CLI can print the reason.
 */
@Injectable()
export class RelaySocketServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RelaySocketServer.name);
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly alive = new WeakSet<WebSocket>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: DatabaseApiKeyVerifier,
    private readonly sessions: RelaySessionsService,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.accept(request, socket, head).catch((error: unknown) => refuse(socket, error));
    });
    // A connection silent through a whole interval (no pong) is dead, even if TCP has not noticed.
    this.heartbeat = setInterval(() => {
      for (const socket of this.sockets.clients) {
        if (!this.alive.has(socket)) {
          socket.terminate();
        }
        this.alive.delete(socket);
        socket.ping();
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onApplicationShutdown(): void {
    if (this.heartbeat) {
      clearInterval(this.heartbeat);
    }
    this.sockets.close();
  }

  private async accept(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const { events } = parseListenRequest(request.url ?? '/', RELAY_PATH);
    const organizationId = await this.authenticate(request.headers.authorization);
    const { session, ready } = await this.sessions.open(organizationId, events);
    if (socket.destroyed) {
      await this.sessions.close(session);
      return;
    }
    this.sockets.handleUpgrade(request, socket, head, (ws) => {
      session.attach(ws);
      this.alive.add(ws);
      ws.on('pong', () => this.alive.add(ws));
      ws.on('message', (data, isBinary) => this.receive(session, ws, isBinary ? null : textOf(data)));
      ws.on('close', () => void this.sessions.close(session));
      ws.send(JSON.stringify(ready));
      this.logger.log(`relay connection for ${organizationId} holds temporary webhook ${session.webhookId}`);
    });
  }

  private receive(session: RelaySession, ws: WebSocket, text: string | null): void {
    const parsed =
      text === null
        ? { ok: false as const, errors: ['frames are JSON text'] }
        : parseRelayResponseFrame(text);
    if (!parsed.ok) {
      ws.close(1007, `invalid frame: ${parsed.errors.join('; ')}`.slice(0, 120));
      return;
    }
    session.answer(parsed.frame);
  }

  /** The same rule as the HTTP routes: a live organization key with the scopes, else 401 / 403. */
  private async authenticate(header: string | undefined): Promise<string> {
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      throw new HttpException({ message: 'missing header Authorization: Bearer <API key>' }, 401);
    }
    const principal = await this.verifier.verify(match[1]);
    if (!principal) {
      throw new HttpException({ message: 'API key is unknown or revoked' }, 401);
    }
    const missing = REQUIRED_SCOPES.filter((scope) => !principal.scopes.includes(scope));
    if (missing.length > 0) {
      throw new HttpException({ message: `this API key lacks the scope ${missing.join(', ')}` }, 403);
    }
    return principal.organizationId;
  }
}

/** Answers a refused upgrade over the raw socket with the API's error body, then closes it. */
function refuse(socket: Duplex, error: unknown): void {
  if (socket.destroyed) {
    return;
  }
  const status = error instanceof HttpException ? error.getStatus() : 500;
  const response = error instanceof HttpException ? error.getResponse() : null;
  const fields =
    typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const message = Array.isArray(fields.message) ? fields.message.join('; ') : fields.message;
  const body = JSON.stringify({
    statusCode: status,
    error: STATUS_TEXT[status] ?? 'Error',
    message: typeof message === 'string' ? message : 'the relay could not open the connection',
    ...(Array.isArray(fields.message) ? { details: fields.message } : {}),
    ...(typeof fields.code === 'string' ? { code: fields.code } : {}),
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function textOf(data: RawData): string {
  if (Array.isArray(data)) {
    return Buffer.concat(data).toString('utf8');
  }
  return Buffer.from(data).toString('utf8');
}
