import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Topics } from '@hookline/contracts';
import { KafkaPublisher, type BatchHandling, type IncomingBatch } from '@hookline/kafka';
import { KAFKA } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import { DeadLetterCollector } from '../consumption/dead-letters';
import { DeliveryConsumer } from '../consumption/delivery-consumer';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { parseRetryTask } from '../pipeline/retry-task';
import { RoutingService } from '../routing/routing.service';
import { OrderedLaneService } from './ordered-lane.service';

/** Consumes `hookline.deliveries.v1`, the lane of webhooks that asked for ordered delivery. */
@Injectable()
export class OrderedLaneConsumer extends DeliveryConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    publisher: KafkaPublisher,
    routing: RoutingService,
    private readonly lanes: OrderedLaneService,
    metrics: DeliveryMetrics,
    config: DeliveryEnv,
  ) {
    super(
      'ordered-lane-consumer',
      { kafka, publisher, routing, metrics, config },
      {
        groupSuffix: '-ordered',
        topics: [Topics.deliveries],
        messageKind: 'Ordered delivery',
        onPartitionsReset: (partitions) => this.lanes.reset(partitions),
      },
    );
  }

  protected handleBatch(batch: IncomingBatch): BatchHandling {
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
    this.parkRefused(refused, taken);
    return { taken };
  }
}
