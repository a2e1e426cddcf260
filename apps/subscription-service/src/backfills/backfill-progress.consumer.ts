import { Injectable } from '@nestjs/common';
import { Topics, validateBackfillProgress, type BackfillProgress } from '@hookline/contracts';
import { decodeValidated } from '@hookline/kafka';
import { ConsumerInfrastructure, ValidatedMessagesConsumer } from '../common/validated-messages.consumer';
import { BackfillsService } from './backfills.service';

/**
 * Consumes `hookline.backfill-progress.v1` into the backfill table. Records are cumulative per
 * partition, so replaying them after a crash changes nothing; invalid ones go to the DLQ.
 */
@Injectable()
export class BackfillProgressConsumer extends ValidatedMessagesConsumer<BackfillProgress> {
  constructor(
    infrastructure: ConsumerInfrastructure,
    private readonly backfills: BackfillsService,
  ) {
    super(infrastructure, {
      name: 'backfill-progress-consumer',
      consumer: 'subscription-service:backfill-progress',
      groupId: infrastructure.env.BACKFILL_PROGRESS_CONSUMER_GROUP,
      topic: Topics.backfillProgress,
      crashSubject: 'backfill progress',
      parse: (value) => (value === null ? 'skip' : decodeValidated(value, validateBackfillProgress)),
    });
  }

  protected apply(progress: BackfillProgress): Promise<void> {
    return this.backfills.applyProgress(progress);
  }
}
