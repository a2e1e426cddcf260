import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DOMAIN_TOPIC_PATTERN } from '@hookline/contracts';
import { KafkaPublisher } from '@hookline/kafka';
import { KAFKA, type ReadinessCheck } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import { ConsumerLifecycle } from '../consumption/consumer-lifecycle';
import { DeadLetterCollector } from '../consumption/dead-letters';
import { TrackedConsumer, type BatchHandling, type IncomingBatch } from '../consumption/tracked-consumer';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { RoutingService } from '../routing/routing.service';
import { DispatchService } from './dispatch.service';
import { parseDomainMessage } from './parse-domain-message';

/**
 * Consumes every `domain.<resource>.v1` topic once the routing table has caught up. Refused messages
 * (too large, not JSON, invalid) go to the DLQ; the rest are dispatched. A batch never waits for its
 * deliveries: offsets are committed as they finish (see TrackedConsumer).
 */
@Injectable()
export class DomainEventsConsumer implements OnApplicationBootstrap, OnModuleDestroy, ReadinessCheck {
  readonly name = 'domain-consumer';
  private readonly logger = new Logger(DomainEventsConsumer.name);
  private readonly consumer: TrackedConsumer;
  private readonly lifecycle: ConsumerLifecycle;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly publisher: KafkaPublisher,
    private readonly routing: RoutingService,
    private readonly dispatcher: DispatchService,
    private readonly metrics: DeliveryMetrics,
    private readonly config: DeliveryEnv,
  ) {
    this.consumer = new TrackedConsumer(kafka, {
      groupId: config.DELIVERY_CONSUMER_GROUP,
      topics: [DOMAIN_TOPIC_PATTERN],
      startFrom: config.DELIVERY_START_FROM,
      partitionsConsumedConcurrently: config.DELIVERY_PARTITIONS_CONCURRENTLY,
      maxInFlightPerPartition: config.DELIVERY_MAX_IN_FLIGHT_PER_PARTITION,
      sessionTimeoutMs: config.DELIVERY_SESSION_TIMEOUT_MS,
      handleBatch: (batch) => this.handleBatch(batch),
      onHandlingError: (error, at) => {
        this.metrics.handlingFailures.inc({ consumer: this.name });
        this.logger.error(
          `Delivering ${at.topic}[${at.partition}]@${at.offset} failed; re-reading the partition from its last commit: ${error.message}`,
        );
      },
      log: this.logger,
    });
    this.lifecycle = new ConsumerLifecycle(this.consumer, 'domain consumer', this.logger);
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
    // The same event twice in one batch (a producer retry) is one delivery.
    const byEventId = new Map<string, Promise<void>>();
    batch.messages.forEach((message, index) => {
      const parsed = parseDomainMessage(message, this.config.DELIVERY_MAX_EVENT_BYTES);
      if (!parsed.ok) {
        refused.refuse(index, message, parsed.reason);
        taken.push(Promise.resolve());
        return;
      }
      const work = byEventId.get(parsed.event.id) ?? this.dispatcher.dispatch(parsed.event);
      byEventId.set(parsed.event.id, work);
      taken.push(work);
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
