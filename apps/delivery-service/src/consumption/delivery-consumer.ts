import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { KafkaPublisher } from '@hookline/kafka';
import type { ReadinessCheck } from '@hookline/platform';
import type { DeliveryEnv } from '../config/delivery.env';
import type { DeliveryMetrics } from '../metrics/delivery.metrics';
import type { RoutingService } from '../routing/routing.service';
import type { ConsumerLifecycle } from './consumer-lifecycle';
import { createDeliveryConsumer, type DeliveryConsumerSpec } from './create-delivery-consumer';
import type { DeadLetterCollector } from './dead-letters';
import type { BatchHandling, IncomingBatch } from './tracked-consumer';

/** What every delivery consumer is built from. */
export interface DeliveryConsumerDeps {
  kafka: Kafka;
  publisher: KafkaPublisher;
  routing: RoutingService;
  metrics: DeliveryMetrics;
  config: DeliveryEnv;
}

// The domain, retry-tier, ordered-lane and commands consumers share the shutdown budget.
const DELIVERY_CONSUMERS = 4;

/**
 * One of delivery-service's consumers: it starts once the routing table has caught up, stops within
 * its share of the shutdown budget, answers readiness, and parks what it refuses on the DLQ with a
 * metric and a log line. A subclass says what it reads and how it handles a batch.
 */
export abstract class DeliveryConsumer implements OnApplicationBootstrap, OnModuleDestroy, ReadinessCheck {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly lifecycle: ConsumerLifecycle;

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

  async onModuleDestroy(): Promise<void> {
    // The consumers stop one after another within the shutdown budget; unfinished work is re-read.
    await this.lifecycle.end(this.deps.config.SHUTDOWN_TIMEOUT_MS / DELIVERY_CONSUMERS);
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
