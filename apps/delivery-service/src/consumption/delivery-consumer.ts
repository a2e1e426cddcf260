import type { Kafka } from 'kafkajs';
import type { BatchHandling, IncomingBatch, KafkaPublisher } from '@hookline/kafka';
import { ManagedConsumer } from '@hookline/platform';
import type { DeliveryEnv } from '../config/delivery.env';
import type { DeliveryMetrics } from '../metrics/delivery.metrics';
import type { RoutingService } from '../routing/routing.service';
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

/**
 * One of delivery-service's consumers: a ManagedConsumer (start with retries, readiness, drain on
 * shutdown, DLQ reporting) that starts only once the routing table has caught up. A subclass says
 * what it reads and how it handles a batch.
 */
export abstract class DeliveryConsumer extends ManagedConsumer {
  constructor(
    name: string,
    private readonly deps: DeliveryConsumerDeps,
    spec: Omit<DeliveryConsumerSpec, 'name' | 'handleBatch'>,
  ) {
    super(name, { publisher: deps.publisher, counter: deps.metrics.deadLettered });
    this.manage(
      createDeliveryConsumer(deps.kafka, deps.config, deps.metrics, this.logger, {
        ...spec,
        name,
        handleBatch: (batch) => this.handleBatch(batch),
      }),
      {
        // A message read before the routing table caught up could miss webhooks that exist.
        prerequisite: { ready: deps.routing.ready, waitingFor: 'the routing table' },
        shutdownTimeoutMs: deps.config.SHUTDOWN_TIMEOUT_MS,
      },
    );
  }

  /** Must return promptly: it starts the work of each message, it does not wait for it. */
  protected abstract handleBatch(batch: IncomingBatch): BatchHandling;

  /** Writes the batch's refused messages to the DLQ (see DeadLetterCollector), counted and logged. */
  protected parkRefused(refused: DeadLetterCollector, taken: Array<Promise<unknown>>): void {
    refused.park(this.deps.publisher, taken, (letter) => this.reportParked([letter]));
  }
}
