import { Injectable } from '@nestjs/common';
import { Topics } from '@hookline/contracts';
import type { BatchHandling, IncomingBatch } from '@hookline/kafka';
import { DeliveryConsumer, DeliveryConsumerDeps } from '../consumption/delivery-consumer';
import { parseRetryTask } from '../pipeline/retry-task';
import { OrderedLaneService } from './ordered-lane.service';

/** Consumes `hookline.deliveries.v1`, the lane of webhooks that asked for ordered delivery. */
@Injectable()
export class OrderedLaneConsumer extends DeliveryConsumer {
  constructor(
    deps: DeliveryConsumerDeps,
    private readonly lanes: OrderedLaneService,
  ) {
    super('ordered-lane-consumer', deps, {
      groupSuffix: '-ordered',
      topics: [Topics.deliveries],
      messageKind: 'Ordered delivery',
      onPartitionsReset: (partitions) => this.lanes.reset(partitions),
    });
  }

  protected handleBatch(batch: IncomingBatch): BatchHandling {
    return this.takeEach(batch, parseRetryTask, (parsed, message) =>
      this.lanes.accept(batch, parsed.task, message.offset),
    );
  }
}
