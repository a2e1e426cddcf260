import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Topics } from '@hookline/contracts';
import { KafkaPublisher } from '@hookline/kafka';
import { KAFKA, type ReadinessCheck } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import { ConsumerLifecycle } from '../consumption/consumer-lifecycle';
import { DeadLetterCollector } from '../consumption/dead-letters';
import { TrackedConsumer, type BatchHandling, type IncomingBatch } from '../consumption/tracked-consumer';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { parseRetryTask } from '../retries/retry-task';
import { RoutingService } from '../routing/routing.service';
import { OrderedLaneService } from './ordered-lane.service';

/** Consumes `hookline.deliveries.v1`, the lane of webhooks that asked for ordered delivery. */
@Injectable()
export class OrderedLaneConsumer implements OnApplicationBootstrap, OnModuleDestroy, ReadinessCheck {
  readonly name = 'ordered-lane-consumer';
  private readonly logger = new Logger(OrderedLaneConsumer.name);
  private readonly consumer: TrackedConsumer;
  private readonly lifecycle: ConsumerLifecycle;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly publisher: KafkaPublisher,
    private readonly routing: RoutingService,
    private readonly lanes: OrderedLaneService,
    private readonly metrics: DeliveryMetrics,
    private readonly config: DeliveryEnv,
  ) {
    this.consumer = new TrackedConsumer(kafka, {
      groupId: `${config.DELIVERY_CONSUMER_GROUP}-ordered`,
      topics: [Topics.deliveries],
      startFrom: config.DELIVERY_START_FROM,
      partitionsConsumedConcurrently: config.DELIVERY_PARTITIONS_CONCURRENTLY,
      maxInFlightPerPartition: config.DELIVERY_MAX_IN_FLIGHT_PER_PARTITION,
      sessionTimeoutMs: config.DELIVERY_SESSION_TIMEOUT_MS,
      handleBatch: (batch) => this.handleBatch(batch),
      onPartitionsReset: (partitions) => this.lanes.reset(partitions),
      onHandlingError: (error, at) => {
        this.metrics.handlingFailures.inc({ consumer: this.name });
        this.logger.error(
          `Ordered delivery ${at.topic}[${at.partition}]@${at.offset} failed; re-reading the partition from its last commit: ${error.message}`,
        );
      },
      log: this.logger,
    });
    this.lifecycle = new ConsumerLifecycle(this.consumer, 'ordered lane consumer', this.logger);
    metrics.watchUnfinished(this.name, () => this.consumer.inFlight);
  }

  onApplicationBootstrap(): void {
    this.lifecycle.begin(this.routing.ready);
  }

  async onModuleDestroy(): Promise<void> {
    // Four consumers stop one after another within the shutdown budget; unfinished work is re-read.
    await this.lifecycle.end(this.config.SHUTDOWN_TIMEOUT_MS / 4);
  }

  check(): Promise<void> {
    return this.lifecycle.check();
  }

  private handleBatch(batch: IncomingBatch): BatchHandling {
    const taken: Array<Promise<unknown>> = [];
    const refused = new DeadLetterCollector(batch);
    batch.messages.forEach((message, index) => {
      const parsed = parseRetryTask(message);
      if (!parsed.ok) {
        refused.refuse(index, message, parsed.reason);
        taken.push(Promise.resolve());
        return;
      }
      taken.push(this.lanes.accept(batch, parsed.task, message.offset));
    });
    refused.park(this.publisher, taken, (letter) => {
      this.metrics.deadLettered.inc({ topic: batch.topic });
      this.logger.warn(
        `Sent ${batch.topic}[${batch.partition}]@${letter.message.offset} to the DLQ: ${letter.reason}`,
      );
    });
    return { taken };
  }
}
