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
import { QUIET_TOPIC_MAX_WAIT_MS, createDeliveryConsumer } from '../consumption/create-delivery-consumer';
import { DeadLetterCollector } from '../consumption/dead-letters';
import type { BatchHandling, IncomingBatch } from '../consumption/tracked-consumer';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { RoutingService } from '../routing/routing.service';
import { parseDeliveryCommand } from './parse-delivery-command';
import { RedeliveryService } from './redelivery.service';

/** Consumes `hookline.commands.v1` (manual redelivery and recovery, from audit-projection-service). */
@Injectable()
export class DeliveryCommandsConsumer implements OnApplicationBootstrap, OnModuleDestroy, ReadinessCheck {
  readonly name = 'commands-consumer';
  private readonly logger = new Logger(DeliveryCommandsConsumer.name);
  private readonly lifecycle: ConsumerLifecycle;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly publisher: KafkaPublisher,
    private readonly routing: RoutingService,
    private readonly redelivery: RedeliveryService,
    private readonly metrics: DeliveryMetrics,
    private readonly config: DeliveryEnv,
  ) {
    this.lifecycle = createDeliveryConsumer(kafka, config, metrics, this.logger, {
      name: this.name,
      groupSuffix: '-commands',
      topics: [Topics.commands],
      messageKind: 'Command',
      maxWaitTimeInMs: QUIET_TOPIC_MAX_WAIT_MS,
      handleBatch: (batch) => this.handleBatch(batch),
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
      const parsed = parseDeliveryCommand(message);
      if (!parsed.ok) {
        refused.refuse(index, message, parsed.reason);
        taken.push(Promise.resolve());
        return;
      }
      taken.push(this.redelivery.redeliver(parsed.command));
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
