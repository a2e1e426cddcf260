import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Topics } from '@hookline/contracts';
import {
  KafkaPublisher,
  type KafkaBatchConsumer,
  sendToDeadLetterQueue,
  type ConsumedBatch,
  type DeadLetter,
  type FailureStreak,
} from '@hookline/kafka';
import { KAFKA, createDeadLetteringConsumer } from '@hookline/platform';
import { Registry } from 'prom-client';
import { SubscriptionEnv } from '../config/subscription.env';
import { parseEndpointSignal } from './endpoint-signal.message';
import { EndpointSignalsService } from './endpoint-signals.service';

const CONSUMER_NAME = 'subscription-service:signals';

/**
 * Consumes `hookline.signals.v1`. A batch's offsets are committed once every signal in it is
 * applied (or parked on the DLQ when it is not a valid signal), so none is lost on a crash.
 */
@Injectable()
export class EndpointSignalsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EndpointSignalsConsumer.name);
  private readonly consumer: KafkaBatchConsumer;
  private startup: Promise<void> = Promise.resolve();

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly publisher: KafkaPublisher,
    private readonly signals: EndpointSignalsService,
    env: SubscriptionEnv,
    registry: Registry,
  ) {
    this.consumer = createDeadLetteringConsumer(kafka, registry, {
      name: CONSUMER_NAME,
      groupId: env.SIGNALS_CONSUMER_GROUP,
      topics: [Topics.signals],
      // A new group reads what delivery already said; stale signals are recognised and ignored.
      fromBeginning: true,
      handleBatch: (batch) => this.handleBatch(batch),
      park: (letters) => this.park(letters),
      onCrash: (error) => this.logger.error(`signals consumer crashed, restarting it: ${error.message}`),
    });
  }

  get failureStreak(): FailureStreak | null {
    return this.consumer.failureStreak;
  }

  onApplicationBootstrap(): void {
    // Not awaited: the API serves while the consumer joins its group.
    this.startup = this.consumer.start().catch((error: unknown) => {
      this.logger.error(
        `signals consumer failed to start: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }

  async onModuleDestroy(): Promise<void> {
    // A consumer stopped mid-start would go on starting; main.ts bounds a start that never ends.
    await this.startup;
    await this.consumer.stop();
  }

  private async handleBatch(batch: ConsumedBatch): Promise<void> {
    for (const message of batch.messages) {
      const parsed = parseEndpointSignal(message.value);
      if (!parsed.ok) {
        await this.park([
          {
            sourceTopic: batch.topic,
            partition: batch.partition,
            message,
            reason: parsed.reason,
            consumer: CONSUMER_NAME,
          },
        ]);
        continue;
      }
      const outcome = await this.signals.apply(parsed.signal);
      if (outcome === 'disabled') {
        this.logger.warn(
          `disabled webhook ${parsed.signal.webhookId} (${parsed.signal.reason}) on delivery's signal`,
        );
      }
      await batch.heartbeat();
    }
  }

  private async park(letters: DeadLetter[]): Promise<void> {
    await sendToDeadLetterQueue(this.publisher, letters);
    for (const { sourceTopic, partition, message, reason } of letters) {
      this.logger.warn(`sent ${sourceTopic}[${partition}]@${message.offset} to the DLQ: ${reason}`);
    }
  }
}
