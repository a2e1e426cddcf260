import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Topics, validateBackfillProgress, type BackfillProgress } from '@hookline/contracts';
import { KafkaPublisher, decodeValidated } from '@hookline/kafka';
import { KAFKA } from '@hookline/platform';
import { Registry } from 'prom-client';
import { ValidatedMessagesConsumer } from '../common/validated-messages.consumer';
import { SubscriptionEnv } from '../config/subscription.env';
import { BackfillsService } from './backfills.service';

/**
 * Consumes `hookline.backfill-progress.v1` into the backfill table. Records are cumulative per
 * partition, so replaying them after a crash changes nothing; invalid ones go to the DLQ.
 */
@Injectable()
export class BackfillProgressConsumer extends ValidatedMessagesConsumer<BackfillProgress> {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    publisher: KafkaPublisher,
    private readonly backfills: BackfillsService,
    env: SubscriptionEnv,
    registry: Registry,
  ) {
    super(kafka, publisher, env, registry, {
      name: 'backfill-progress-consumer',
      consumer: 'subscription-service:backfill-progress',
      groupId: env.BACKFILL_PROGRESS_CONSUMER_GROUP,
      topic: Topics.backfillProgress,
      crashSubject: 'backfill progress',
      parse: (value) => (value === null ? 'skip' : decodeValidated(value, validateBackfillProgress)),
    });
  }

  protected apply(progress: BackfillProgress): Promise<void> {
    return this.backfills.applyProgress(progress);
  }
}
