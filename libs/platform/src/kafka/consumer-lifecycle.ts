import type { FailureStreak } from '@hookline/kafka';
import type { ReadinessCheck } from '../health/readiness-check';
import { CONSUMER_STALL_MS, consumerReadiness } from './consumer-health';

/** What the lifecycle drives: `TrackedConsumer` and `KafkaBatchConsumer` (libs/kafka) both are one. */
export interface LifecycleConsumer {
  start(): Promise<void>;
  /** Stops fetching; work already running gets up to `drainMs` to finish where the consumer can wait for it. */
  stop(drainMs?: number): Promise<void>;
  readonly isRunning: boolean;
  /**
   * Where present, false until nothing produced from now on can be skipped (the group joined, start
   * offsets pinned). A consumer without it leaves the start offsets to kafkajs and is ready once started.
   */
  readonly isReady?: boolean;
  /** Where present, readiness fails once the consumer has failed for the stall time without progress. */
  readonly failureStreak?: FailureStreak | null;
}

export interface ConsumerLifecycleLog {
  log(message: string): void;
  error(message: string): void;
}

export interface StartBackoff {
  initialMs: number;
  maxMs: number;
}

/** A failed start waits 1 s, then twice as long each time, up to 30 s between attempts. */
export const CONSUMER_START_BACKOFF: StartBackoff = { initialMs: 1_000, maxMs: 30_000 };

export interface ConsumerLifecycleOptions {
  /** The readiness check's name, e.g. `attempts-consumer`; logs say it with spaces. */
  name: string;
  log: ConsumerLifecycleLog;
  /**
   * Started only once this resolved: delivery's consumers wait for the routing table, since a message
   * read earlier could miss webhooks that exist.
   */
  prerequisite?: { ready: Promise<void>; waitingFor: string };
  backoff?: StartBackoff;
  stallMs?: number;
}

/**
 * Starts a consumer, retrying a failed start until one succeeds or the service shuts down, stops it
 * on shutdown, and answers readiness for it. A failed start is retried rather than left to the
 * orchestrator: the usual cause is a broker not reachable yet, and a service whose HTTP side is up
 * with no consumer behind it would otherwise look alive forever; readiness is red until it started.
 */
export class ConsumerLifecycle implements ReadinessCheck {
  readonly name: string;
  private readonly description: string;
  private startup: Promise<void> = Promise.resolve();
  private waitingForPrerequisite = false;
  private started = false;
  private startError: Error | null = null;
  private retrying = false;
  private stopping = false;
  private signalStop!: () => void;
  private readonly stopRequested = new Promise<void>((resolve) => (this.signalStop = resolve));

  constructor(
    private readonly consumer: LifecycleConsumer,
    private readonly options: ConsumerLifecycleOptions,
  ) {
    this.name = options.name;
    this.description = options.name.replace(/-/g, ' ');
  }

  /** Not awaited by the caller: HTTP (health, metrics, the API) comes up while the consumer starts. */
  begin(): void {
    this.startup = this.startWithRetries().catch((error: unknown) => {
      // Only the prerequisite can fail here; the consumer's own start is retried.
      this.startError = asError(error);
      this.options.log.error(`${this.description} failed to start: ${this.startError.message}`);
    });
  }

  /** Stops retrying, waits for a start attempt under way, then stops the consumer with `drainMs` to drain. */
  async end(drainMs: number): Promise<void> {
    this.stopping = true;
    this.signalStop();
    await this.startup;
    this.started = false;
    if (this.consumer.isRunning) {
      await this.consumer.stop(drainMs);
    }
  }

  async check(): Promise<void> {
    if (this.startError) {
      const retrying = this.retrying && !this.stopping ? ' (retrying)' : '';
      throw new Error(`${this.description} failed to start${retrying}: ${this.startError.message}`);
    }
    if (!this.started || !this.consumer.isRunning) {
      const waiting = this.waitingForPrerequisite
        ? ` (waiting for ${this.options.prerequisite?.waitingFor})`
        : '';
      throw new Error(`${this.description} not started${waiting}`);
    }
    if (this.consumer.isReady === false) {
      throw new Error(`${this.description} has not joined its group yet`);
    }
    if (this.consumer.failureStreak !== undefined) {
      const streak = { failureStreak: this.consumer.failureStreak };
      await consumerReadiness(this.name, streak, this.options.stallMs ?? CONSUMER_STALL_MS).check();
    }
  }

  private async startWithRetries(): Promise<void> {
    const { prerequisite } = this.options;
    if (prerequisite) {
      this.waitingForPrerequisite = true;
      try {
        await Promise.race([prerequisite.ready, this.stopRequested]);
      } finally {
        this.waitingForPrerequisite = false;
      }
    }
    const backoff = this.options.backoff ?? CONSUMER_START_BACKOFF;
    for (let attempt = 1; !this.stopping; attempt += 1) {
      try {
        await this.consumer.start();
        this.startError = null;
        this.retrying = false;
        this.started = true;
        const after = prerequisite ? ` (${prerequisite.waitingFor} is ready)` : '';
        this.options.log.log(`${capitalise(this.description)} started${after}`);
        return;
      } catch (error) {
        this.startError = asError(error);
        this.retrying = true;
        // What the failed attempt connected is let go, so the next attempt starts from nothing.
        await this.consumer.stop(0).catch(() => undefined);
        const delayMs = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1));
        this.options.log.error(
          `${this.description} failed to start (attempt ${attempt}), trying again in ${delayMs} ms: ${this.startError.message}`,
        );
        await this.delayUnlessStopped(delayMs);
      }
    }
  }

  private async delayUnlessStopped(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.stopRequested,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
    ]);
    clearTimeout(timer);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
