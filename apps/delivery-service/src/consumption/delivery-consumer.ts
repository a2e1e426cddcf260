import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { BatchHandling, IncomingBatch, KafkaPublisher } from '@hookline/kafka';
import type { ReadinessCheck } from '@hookline/platform';
import type { DeliveryEnv } from '../config/delivery.env';
import type { DeliveryMetrics } from '../metrics/delivery.metrics';
import type { RoutingService } from '../routing/routing.service';
import type { ConsumerLifecycle } from './consumer-lifecycle';
import { createDeliveryConsumer, type DeliveryConsumerSpec } from './create-delivery-consumer';
import type { DeadLetterCollector } from './dead-letters';

/** What every delivery consumer is built from. */
export interface DeliveryConsumerDeps {
  kafka: Kafka;
  publisher: KafkaPublisher;
  routing: RoutingService;
  metrics: DeliveryMetrics;
  config: DeliveryEnv;
}

/** What the drain leaves of SHUTDOWN_TIMEOUT_MS for committing, leaving the groups and flushing producers. */
export const SHUTDOWN_MARGIN_MS = 2_000;

/** How long in-flight work may take to finish once a shutdown began: most of SHUTDOWN_TIMEOUT_MS. */
export function drainBudgetMs(shutdownTimeoutMs: number): number {
  return Math.max(shutdownTimeoutMs - SHUTDOWN_MARGIN_MS, shutdownTimeoutMs / 2);
}

/**
 * One of delivery-service's consumers: it starts once the routing table has caught up, stops within
 * its share of the shutdown budget, answers readiness, and parks what it refuses on the DLQ with a
 * metric and a log line. A subclass says what it reads and how it handles a batch.
 */
export abstract class DeliveryConsumer
  implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown, ReadinessCheck
{
  protected readonly logger = new Logger(this.constructor.name);
  private readonly lifecycle: ConsumerLifecycle;
  private stopped: Promise<Error | null> = Promise.resolve(null);

  constructor(
    readonly name: string,
    private readonly deps: DeliveryConsumerDeps,
    spec: Omit<DeliveryConsumerSpec, 'name' | 'handleBatch'>,
  ) {
    this.lifecycle = createDeliveryConsumer(deps.kafka, deps.config, deps.metrics, this.logger, {
      ...spec,
      name,
      handleBatch: (batch) => this.handleBatch(batch),
    }).lifecycle;
  }

  /** Must return promptly: it starts the work of each message, it does not wait for it. */
  protected abstract handleBatch(batch: IncomingBatch): BatchHandling;

  onApplicationBootstrap(): void {
    this.lifecycle.begin(this.deps.routing.ready);
  }

  /**
   * Starts stopping without waiting: Nest calls this module after module, so every consumer stops
   * fetching at once and drains in parallel with the whole budget (in-flight deliveries finish within
   * their timeout, then their offsets are committed). Waited for in beforeApplicationShutdown, which
   * runs before the producers close, so the attempts of the last deliveries are still written.
   */
  onModuleDestroy(): void {
    // Settled into a value at once: a failure must not surface as an unhandled rejection meanwhile.
    this.stopped = this.lifecycle.end(drainBudgetMs(this.deps.config.SHUTDOWN_TIMEOUT_MS)).then(
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
    return this.lifecycle.check();
  }

  /** Writes the batch's refused messages to the DLQ (see DeadLetterCollector), counted and logged. */
  protected park(refused: DeadLetterCollector, batch: IncomingBatch, taken: Array<Promise<unknown>>): void {
    refused.park(this.deps.publisher, taken, (letter) => {
      this.deps.metrics.deadLettered.inc({ topic: batch.topic });
      this.logger.warn(
        `Sent ${batch.topic}[${batch.partition}]@${letter.message.offset} to the DLQ: ${letter.reason}`,
      );
    });
  }
}
