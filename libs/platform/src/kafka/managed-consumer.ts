import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { sendToDeadLetterQueue, type DeadLetter, type KafkaPublisher } from '@hookline/kafka';
import type { ReadinessCheck } from '../health/readiness-check';
import {
  ConsumerLifecycle,
  type ConsumerLifecycleOptions,
  type LifecycleConsumer,
} from './consumer-lifecycle';

/** What the drain leaves of SHUTDOWN_TIMEOUT_MS for committing, leaving the groups and flushing producers. */
export const SHUTDOWN_MARGIN_MS = 2_000;

/** How long in-flight work may take to finish once a shutdown began: most of SHUTDOWN_TIMEOUT_MS. */
export function drainBudgetMs(shutdownTimeoutMs: number): number {
  return Math.max(shutdownTimeoutMs - SHUTDOWN_MARGIN_MS, shutdownTimeoutMs / 2);
}

export interface DeadLetterReporting {
  publisher: KafkaPublisher;
  /** `deadLettered{topic}` of the service's metrics, where it counts them. */
  counter?: { inc(labels: { topic: string }, value?: number): void };
}

export interface ManagedConsumerOptions extends Pick<ConsumerLifecycleOptions, 'prerequisite' | 'backoff'> {
  /** SHUTDOWN_TIMEOUT_MS: the consumer drains within most of it (see drainBudgetMs). */
  shutdownTimeoutMs: number;
}

/**
 * A service's Kafka consumer as a Nest provider: it starts after bootstrap (retrying a failed start,
 * see ConsumerLifecycle), stops on shutdown, answers readiness under its `name`, and parks what it
 * refuses on the DLQ with a metric and a log line. A subclass creates its consumer and hands it to
 * `manage` in its constructor.
 */
export abstract class ManagedConsumer
  implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown, ReadinessCheck
{
  protected readonly logger = new Logger(this.constructor.name);
  private lifecycle: ConsumerLifecycle | null = null;
  private shutdownTimeoutMs = 0;
  private stopped: Promise<Error | null> = Promise.resolve(null);

  constructor(
    readonly name: string,
    private readonly deadLetters: DeadLetterReporting,
  ) {}

  protected manage<T extends LifecycleConsumer>(consumer: T, options: ManagedConsumerOptions): T {
    this.shutdownTimeoutMs = options.shutdownTimeoutMs;
    this.lifecycle = new ConsumerLifecycle(consumer, {
      name: this.name,
      log: this.logger,
      prerequisite: options.prerequisite,
      backoff: options.backoff,
    });
    return consumer;
  }

  onApplicationBootstrap(): void {
    this.managed().begin();
  }

  /**
   * Starts stopping without waiting: Nest calls this module after module, so every consumer stops
   * fetching at once and drains in parallel with the whole budget. Waited for in
   * beforeApplicationShutdown, which runs before the producers and the database close, so the work
   * of the last messages is still written.
   */
  onModuleDestroy(): void {
    // Settled into a value at once: a failure must not surface as an unhandled rejection meanwhile.
    this.stopped = this.managed()
      .end(drainBudgetMs(this.shutdownTimeoutMs))
      .then(
        () => null,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
  }

  async beforeApplicationShutdown(): Promise<void> {
    const error = await this.stopped;
    if (error) {
      throw new Error(`${this.name} did not stop cleanly: ${error.message}`);
    }
  }

  check(): Promise<void> {
    return this.managed().check();
  }

  /** Writes `letters` to the DLQ and reports them once the write is acknowledged. */
  protected async park(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) {
      return;
    }
    await sendToDeadLetterQueue(this.deadLetters.publisher, letters);
    this.reportParked(letters);
  }

  /** Counts and logs letters of one partition's batch that were (or are being) written to the DLQ. */
  protected reportParked(letters: readonly DeadLetter[]): void {
    if (letters.length === 0) {
      return;
    }
    for (const letter of letters) {
      this.deadLetters.counter?.inc({ topic: letter.sourceTopic });
    }
    const [{ sourceTopic, partition, message, reason }] = letters;
    this.logger.warn(
      letters.length === 1
        ? `Sent ${sourceTopic}[${partition}]@${message.offset} to the DLQ: ${reason}`
        : `${letters.length} messages of ${sourceTopic}[${partition}] sent to the DLQ, the first at offset ${message.offset}: ${reason}`,
    );
  }

  private managed(): ConsumerLifecycle {
    if (!this.lifecycle) {
      throw new Error(`${this.name}: the subclass must call manage() in its constructor`);
    }
    return this.lifecycle;
  }
}
