import type { TrackedConsumer } from '@hookline/kafka';

/**
 * Starts a consumer once `prerequisite` resolved (the routing table caught up: a message read earlier
 * could miss webhooks that exist), stops it on shutdown, and answers readiness for it.
 */
export class ConsumerLifecycle {
  private startup: Promise<void> = Promise.resolve();
  private startError: Error | null = null;
  private stopping = false;
  private signalStop!: () => void;
  private readonly stopRequested = new Promise<void>((resolve) => (this.signalStop = resolve));

  constructor(
    private readonly consumer: TrackedConsumer,
    private readonly description: string,
    private readonly log: { log(message: string): void; error(message: string): void },
  ) {}

  begin(prerequisite: Promise<void>): void {
    // Not awaited: HTTP (health, metrics) comes up while the routing table is still loading.
    this.startup = this.startAfter(prerequisite).catch((error: unknown) => {
      this.startError = error instanceof Error ? error : new Error(String(error));
      this.log.error(`${this.description} failed to start: ${this.startError.message}`);
    });
  }

  async end(drainMs: number): Promise<void> {
    this.stopping = true;
    this.signalStop();
    await this.startup;
    if (this.consumer.isRunning) {
      await this.consumer.stop(drainMs);
    }
  }

  async check(): Promise<void> {
    if (this.startError) {
      throw new Error(`${this.description} failed to start: ${this.startError.message}`);
    }
    if (!this.consumer.isRunning) {
      throw new Error(`${this.description} not started (waiting for the routing table)`);
    }
    if (!this.consumer.isReady) {
      throw new Error(`${this.description} has not joined its group yet`);
    }
  }

  private async startAfter(prerequisite: Promise<void>): Promise<void> {
    await Promise.race([prerequisite, this.stopRequested]);
    if (this.stopping) {
      return;
    }
    await this.consumer.start();
    this.log.log(`Routing table caught up; ${this.description} started`);
  }
}
