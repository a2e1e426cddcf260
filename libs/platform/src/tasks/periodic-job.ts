import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

export interface PeriodicJobSchedule {
  /** Names the job in the line logged when a run fails. */
  name: string;
  intervalMs: number;
  /** How long after bootstrap the first run comes; one interval when left out. */
  firstRunAfterMs?: number;
}

/**
 * A service's background upkeep as a Nest provider: `runOnce` runs on a PeriodicTask from bootstrap
 * on, and shutdown waits for the run in progress. A subclass passes its schedule to the constructor
 * and implements `runOnce`.
 */
export abstract class PeriodicJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly task: PeriodicTask;
  private readonly firstRunAfterMs: number | undefined;

  protected constructor({ name, intervalMs, firstRunAfterMs }: PeriodicJobSchedule) {
    this.task = new PeriodicTask(name, intervalMs, () => this.runOnce(), this.logger);
    this.firstRunAfterMs = firstRunAfterMs;
  }

  /** One run; a rejection is logged and the next run comes as scheduled. */
  abstract runOnce(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.task.start({ firstRunAfterMs: this.firstRunAfterMs });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}
