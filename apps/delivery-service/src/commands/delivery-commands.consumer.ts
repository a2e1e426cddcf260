import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Topics } from '@hookline/contracts';
import { KafkaPublisher, type BatchHandling, type IncomingBatch } from '@hookline/kafka';
import { KAFKA } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import { QUIET_TOPIC_MAX_WAIT_MS } from '../consumption/create-delivery-consumer';
import { DeadLetterCollector } from '../consumption/dead-letters';
import { DeliveryConsumer } from '../consumption/delivery-consumer';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { RoutingService } from '../routing/routing.service';
import { parseDeliveryCommand } from './parse-delivery-command';
import { RedeliveryService } from './redelivery.service';

/** Consumes `hookline.commands.v1` (manual redelivery and recovery, from audit-projection-service). */
@Injectable()
export class DeliveryCommandsConsumer extends DeliveryConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    publisher: KafkaPublisher,
    routing: RoutingService,
    private readonly redelivery: RedeliveryService,
    metrics: DeliveryMetrics,
    config: DeliveryEnv,
  ) {
    super(
      'commands-consumer',
      { kafka, publisher, routing, metrics, config },
      {
        groupSuffix: '-commands',
        topics: [Topics.commands],
        messageKind: 'Command',
        maxWaitTimeInMs: QUIET_TOPIC_MAX_WAIT_MS,
      },
    );
  }

  protected handleBatch(batch: IncomingBatch): BatchHandling {
    const taken: Array<Promise<unknown>> = [];
    const refused = new DeadLetterCollector(batch);
    batch.messages.forEach((message, index) => {
      const parsed = parseDeliveryCommand(message);
      if (!parsed.ok) {
        refused.refuse(index, message, parsed.reason);
        taken.push(Promise.resolve());
        return;
      }
      taken.push(this.redelivery.redeliver(parsed.command));
    });
    this.parkRefused(refused, taken);
    return { taken };
  }
}
