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
import type { ConsumerLifecycle } from '../consumption/consumer-lifecycle';
import { createDeliveryConsumer } from '../consumption/create-delivery-consumer';
import { DeadLetterCollector } from '../consumption/dead-letters';
import type { BatchHandling, IncomingBatch } from '../consumption/tracked-consumer';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { parseRetryTask } from '../retries/retry-task';
import { RoutingService } from '../routing/routing.service';
import { OrderedLaneService } from './ordered-lane.service';

/** Consumes `hookline.deliveries.v1`, the lane of webhooks that asked for ordered delivery. */
@Injectable()
export class OrderedLaneConsumer implements OnApplicationBootstrap, OnModuleDestroy, ReadinessCheck {
  readonly name = 'ordered-lane-consumer';
  private readonly logger = new Logger(OrderedLaneConsumer.name);
  private readonly lifecycle: ConsumerLifecycle;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly publisher: KafkaPublisher,
    private readonly routing: RoutingService,
    private readonly lanes: OrderedLaneService,
    private readonly metrics: DeliveryMetrics,
    private readonly config: DeliveryEnv,
  ) {
    this.lifecycle = createDeliveryConsumer(kafka, config, metrics, this.logger, {
      name: this.name,
      groupSuffix: '-ordered',
      topics: [Topics.deliveries],
      messageKind: 'Ordered delivery',
      handleBatch: (batch) => this.handleBatch(batch),
      onPartitionsReset: (partitions) => this.lanes.reset(partitions),
    }).lifecycle;
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
