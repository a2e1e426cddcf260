import type { Logger } from '@nestjs/common';

/**
 * Runs `work` every `intervalMs` (measured from the end of the previous run, so runs never
 * overlap). A failed run is logged and the next one comes as scheduled: background upkeep
 * that retries on its own, not a message that could be lost.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  /** The first run comes after one interval unless `firstRunAfterMs` says otherwise (0: at once). */
  start({ firstRunAfterMs = this.intervalMs }: { firstRunAfterMs?: number } = {}): void {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    this.schedule(firstRunAfterMs);
  }

  /** Runs now (or joins the run in progress) and resolves when it has finished. */
  async runNow(): Promise<void> {
    this.running ??= this.work()
      .then(() => undefined)
      .catch((error: unknown) => {
        this.logger.error(
          `${this.name} failed, will run again: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => (this.running = null));
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runNow().then(() => {
        if (!this.stopped) {
          this.schedule(this.intervalMs);
        }
      });
    }, delayMs);
    this.timer.unref();
  }
}
