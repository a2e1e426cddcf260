import { Inject, Injectable } from '@nestjs/common';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { KafkaPublisher, type BatchHandling, type IncomingBatch } from '@hookline/kafka';
import { KAFKA, ManagedConsumer } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { RoutingService } from '../routing/routing.service';
import { createDeliveryConsumer, type DeliveryConsumerSpec } from './create-delivery-consumer';
import { DeadLetterCollector } from './dead-letters';

/** What every delivery consumer is built from, injected as one. */
@Injectable()
export class DeliveryConsumerDeps {
  constructor(
    @Inject(KAFKA) readonly kafka: Kafka,
    readonly publisher: KafkaPublisher,
    readonly routing: RoutingService,
    readonly metrics: DeliveryMetrics,
    readonly config: DeliveryEnv,
  ) {}
}

/**
 * One of delivery-service's consumers: a ManagedConsumer (start with retries, readiness, drain on
 * shutdown, DLQ reporting) that starts only once the routing table has caught up. A subclass says
 * what it reads and how it handles a batch.
 */
export abstract class DeliveryConsumer extends ManagedConsumer {
  constructor(
    name: string,
    protected readonly deps: DeliveryConsumerDeps,
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

  /**
   * Starts the work of each message of `batch` that `parse` accepts; the ones it refuses go to the DLQ
   * with its reason.
   */
  protected takeEach<Parsed extends { ok: true }>(
    batch: IncomingBatch,
    parse: (message: KafkaMessage) => Parsed | { ok: false; reason: string },
    start: (parsed: Parsed, message: KafkaMessage) => Promise<unknown>,
  ): BatchHandling {
    const taken: Array<Promise<unknown>> = [];
    const refused = new DeadLetterCollector(batch);
    batch.messages.forEach((message, index) => {
      const parsed = parse(message);
      if (parsed.ok) {
        taken.push(start(parsed, message));
        return;
      }
      refused.refuse(index, message, parsed.reason);
      taken.push(Promise.resolve());
    });
    this.parkRefused(refused, taken);
    return { taken };
  }

  /** Writes the batch's refused messages to the DLQ (see DeadLetterCollector), counted and logged. */
  protected parkRefused(refused: DeadLetterCollector, taken: Array<Promise<unknown>>): void {
    refused.park(this.deps.publisher, taken, (letter) => this.reportParked([letter]));
  }
}
