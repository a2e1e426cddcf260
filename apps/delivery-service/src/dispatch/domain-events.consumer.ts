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
import type { ConsumerLifecycle } from '../consumption/consumer-lifecycle';
import { createDeliveryConsumer } from '../consumption/create-delivery-consumer';
import { DeadLetterCollector } from '../consumption/dead-letters';
import type { BatchHandling, IncomingBatch } from '../consumption/tracked-consumer';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { RoutingService } from '../routing/routing.service';
import { DispatchService } from './dispatch.service';
import { checkEventData, parseDomainMessage } from './parse-domain-message';

/**
 * Consumes every `domain.<resource>.v1` topic once the routing table has caught up. Refused messages
 * (too large, not JSON, invalid envelope; invalid `data` of an event some webhook would receive) go to
 * the DLQ; the rest are dispatched. A batch never waits for its
 * deliveries: offsets are committed as they finish (see TrackedConsumer).
 */
@Injectable()
export class DomainEventsConsumer implements OnApplicationBootstrap, OnModuleDestroy, ReadinessCheck {
  readonly name = 'domain-consumer';
  private readonly logger = new Logger(DomainEventsConsumer.name);
  private readonly lifecycle: ConsumerLifecycle;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly publisher: KafkaPublisher,
    private readonly routing: RoutingService,
    private readonly dispatcher: DispatchService,
    private readonly metrics: DeliveryMetrics,
    private readonly config: DeliveryEnv,
  ) {
    this.lifecycle = createDeliveryConsumer(kafka, config, metrics, this.logger, {
      name: this.name,
      groupSuffix: '',
      topics: [DOMAIN_TOPIC_PATTERN],
      messageKind: 'Delivering',
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
    // The same event twice in one batch (a producer retry) is one delivery.
    const byEventId = new Map<string, Promise<void>>();
    batch.messages.forEach((message, index) => {
      const parsed = parseDomainMessage(message, this.config.DELIVERY_MAX_EVENT_BYTES);
      if (!parsed.ok) {
        refused.refuse(index, message, parsed.reason);
        taken.push(Promise.resolve());
        return;
      }
      if (!this.dispatcher.goesAnywhere(parsed.event)) {
        taken.push(Promise.resolve());
        return;
      }
      const invalidData = byEventId.has(parsed.event.id) ? null : checkEventData(parsed.event);
      if (invalidData !== null) {
        refused.refuse(index, message, invalidData);
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
