import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Topics, validateBackfillProgress } from '@hookline/contracts';
import { KafkaPublisher, decodeValidated, type ConsumedBatch } from '@hookline/kafka';
import { KAFKA, ManagedConsumer, createDeadLetteringConsumer } from '@hookline/platform';
import { Registry } from 'prom-client';
import { SubscriptionEnv } from '../config/subscription.env';
import { BackfillsService } from './backfills.service';

const CONSUMER_NAME = 'subscription-service:backfill-progress';

/**
 * Consumes `hookline.backfill-progress.v1` into the backfill table. Records are cumulative per
 * partition, so replaying them after a crash changes nothing; invalid ones go to the DLQ.
 */
@Injectable()
export class BackfillProgressConsumer extends ManagedConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    publisher: KafkaPublisher,
    private readonly backfills: BackfillsService,
    env: SubscriptionEnv,
    registry: Registry,
  ) {
    super('backfill-progress-consumer', { publisher });
    this.manage(
      createDeadLetteringConsumer(kafka, registry, {
        name: CONSUMER_NAME,
        groupId: env.BACKFILL_PROGRESS_CONSUMER_GROUP,
        topics: [Topics.backfillProgress],
        fromBeginning: true,
        handleBatch: (batch) => this.handleBatch(batch),
        park: (letters) => this.park(letters),
        onCrash: (error) =>
          this.logger.error(`backfill progress consumer crashed, restarting it: ${error.message}`),
      }),
      { shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS },
    );
  }

  private async handleBatch(batch: ConsumedBatch): Promise<void> {
    for (const message of batch.messages) {
      if (message.value === null) {
        continue;
      }
      const parsed = decodeValidated(message.value, validateBackfillProgress);
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
      await this.backfills.applyProgress(parsed.value);
      await batch.heartbeat();
    }
  }
}
