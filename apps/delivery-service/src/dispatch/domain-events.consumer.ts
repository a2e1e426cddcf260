import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DOMAIN_TOPIC_PATTERN, type EventEnvelope } from '@hookline/contracts';
import {
  KafkaBatchConsumer,
  KafkaPublisher,
  sendToDeadLetterQueue,
  type ConsumedBatch,
  type DeadLetter,
} from '@hookline/kafka';
import { KAFKA, type ReadinessCheck } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { RoutingService } from '../routing/routing.service';
import { DispatchService } from './dispatch.service';
import { parseDomainMessage } from './parse-domain-message';

const CONSUMER_NAME = 'delivery-service';

/**
 * Consumes every `domain.<resource>.v1` topic once the routing table has caught up (an event read
 * earlier could miss webhooks that exist). Refused messages go to the DLQ; the rest are dispatched.
 */
@Injectable()
export class DomainEventsConsumer implements OnApplicationBootstrap, OnModuleDestroy, ReadinessCheck {
  readonly name = 'domain-consumer';
  private readonly logger = new Logger(DomainEventsConsumer.name);
  private readonly consumer: KafkaBatchConsumer;
  private startup: Promise<void> = Promise.resolve();
  private startError: Error | null = null;
  private stopping = false;
  private signalStop!: () => void;
  private readonly stopRequested = new Promise<void>((resolve) => (this.signalStop = resolve));

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly publisher: KafkaPublisher,
    private readonly routing: RoutingService,
    private readonly dispatcher: DispatchService,
    private readonly metrics: DeliveryMetrics,
    config: DeliveryEnv,
  ) {
    this.consumer = new KafkaBatchConsumer(kafka, {
      groupId: config.DELIVERY_CONSUMER_GROUP,
      topics: [DOMAIN_TOPIC_PATTERN],
      fromBeginning: config.DELIVERY_START_FROM === 'earliest',
      onCrash: (error) => this.logger.error(`Domain consumer crashed, restarting it: ${error.message}`),
      partitionsConsumedConcurrently: config.DELIVERY_PARTITIONS_CONCURRENTLY,
      handleBatch: (batch) => this.handleBatch(batch),
    });
  }

  onApplicationBootstrap(): void {
    // Not awaited: HTTP (health, metrics) comes up while the routing table is still loading.
    this.startup = this.startWhenRoutingIsReady().catch((error: unknown) => {
      this.startError = error instanceof Error ? error : new Error(String(error));
      this.logger.error(`Domain consumer failed to start: ${this.startError.message}`);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.signalStop();
    await this.startup;
    if (this.consumer.isRunning) await this.consumer.stop();
  }

  async check(): Promise<void> {
    if (this.startError) throw new Error(`domain consumer failed to start: ${this.startError.message}`);
    if (!this.consumer.isRunning)
      throw new Error('domain consumer not started (waiting for the routing table)');
    if (!this.consumer.hasJoined) throw new Error('domain consumer has not joined its group yet');
  }

  private async startWhenRoutingIsReady(): Promise<void> {
    await Promise.race([this.routing.ready, this.stopRequested]);
    if (this.stopping) return;
    await this.consumer.start();
    this.logger.log('Routing table caught up; consuming domain topics');
  }

  private async handleBatch(batch: ConsumedBatch): Promise<void> {
    const events: EventEnvelope[] = [];
    const refused: DeadLetter[] = [];
    for (const message of batch.messages) {
      const parsed = parseDomainMessage(message);
      if (parsed.ok) {
        events.push(parsed.event);
      } else {
        refused.push({
          sourceTopic: batch.topic,
          partition: batch.partition,
          message,
          reason: parsed.reason,
          consumer: CONSUMER_NAME,
        });
      }
    }
    if (refused.length > 0) {
      await sendToDeadLetterQueue(this.publisher, refused);
      this.metrics.deadLettered.inc({ topic: batch.topic }, refused.length);
      for (const letter of refused) {
        this.logger.warn(
          `Sent ${batch.topic}[${batch.partition}]@${letter.message.offset} to the DLQ: ${letter.reason}`,
        );
      }
    }
    await this.dispatcher.dispatch(events, batch.heartbeat);
  }
}
