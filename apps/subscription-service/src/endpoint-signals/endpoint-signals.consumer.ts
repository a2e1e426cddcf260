import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Topics } from '@hookline/contracts';
import { KafkaPublisher, type ConsumedBatch } from '@hookline/kafka';
import { KAFKA, ManagedConsumer, createDeadLetteringConsumer } from '@hookline/platform';
import { Registry } from 'prom-client';
import { SubscriptionEnv } from '../config/subscription.env';
import { parseEndpointSignal } from './endpoint-signal.message';
import { EndpointSignalsService } from './endpoint-signals.service';

const CONSUMER_NAME = 'subscription-service:signals';

/**
 * Consumes `hookline.signals.v1`. A batch's offsets are committed once every signal in it is
 * applied (or parked on the DLQ when it is not a valid signal), so none is lost on a crash. It starts
 * after bootstrap without holding it up (the API serves while the consumer joins its group), and a
 * failed start is retried; readiness is red until it started.
 */
@Injectable()
export class EndpointSignalsConsumer extends ManagedConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    publisher: KafkaPublisher,
    private readonly signals: EndpointSignalsService,
    env: SubscriptionEnv,
    registry: Registry,
  ) {
    super('signals-consumer', { publisher });
    this.manage(
      createDeadLetteringConsumer(kafka, registry, {
        name: CONSUMER_NAME,
        groupId: env.SIGNALS_CONSUMER_GROUP,
        topics: [Topics.signals],
        // A new group reads what delivery already said; stale signals are recognised and ignored.
        fromBeginning: true,
        handleBatch: (batch) => this.handleBatch(batch),
        park: (letters) => this.park(letters),
        onCrash: (error) => this.logger.error(`signals consumer crashed, restarting it: ${error.message}`),
      }),
      { shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS },
    );
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
}
