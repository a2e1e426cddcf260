import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Client } from 'pg';
import { OUTBOX_CHANNEL } from './outbox.repository';
import { OutboxRelay } from './outbox-relay.service';

export const OUTBOX_LISTENER_DATABASE_URL = Symbol('OUTBOX_LISTENER_DATABASE_URL');

const RECONNECT_DELAY_MS = 2_000;

/**
 * Wakes the relay the moment a change commits (LISTEN/NOTIFY), on a connection of its own since
 * LISTEN holds it. Best effort: if it is down, the relay's poll interval still picks rows up.
 */
@Injectable()
export class OutboxListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxListener.name);
  private client: Client | null = null;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private disconnectedSince: number | null = null;

  constructor(
    private readonly relay: OutboxRelay,
    @Inject(OUTBOX_LISTENER_DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
    }
    const client = this.client;
    this.client = null;
    await client?.end();
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: 'hookline-subscription-outbox-listener',
    });
    client.on('notification', () => this.relay.wake());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection closed')));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
    if (this.disconnectedSince !== null) {
      this.logger.log('outbox listener reconnected');
      this.disconnectedSince = null;
    }
    // Anything committed while we were not listening is picked up now rather than at the next poll.
    this.relay.wake();
  }

  private lost(client: Client, error: unknown): void {
    if (this.stopped || (this.client !== null && this.client !== client)) {
      return;
    }
    this.client = null;
    client.removeAllListeners();
    // The connection is already given up on; a late error from it carries no news.
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    if (this.disconnectedSince === null) {
      this.disconnectedSince = Date.now();
      this.logger.warn(
        `outbox listener lost its Postgres connection, relying on polling until it reconnects: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
    if (this.reconnectTimer === null) {
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        void this.connect();
      }, RECONNECT_DELAY_MS);
    }
  }
}
