import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ConsumerInfrastructure } from '../common/validated-messages.consumer';
import { BackfillProgressConsumer } from './backfill-progress.consumer';
import { BackfillsController } from './backfills.controller';
import { BackfillsRepository } from './backfills.repository';
import { BackfillsService } from './backfills.service';

/** Backfills of a webhook: the API, the request to delivery, and delivery's progress coming back. */
@Module({
  imports: [OutboxModule, WebhooksModule],
  controllers: [BackfillsController],
  providers: [BackfillsService, BackfillsRepository, BackfillProgressConsumer, ConsumerInfrastructure],
  exports: [BackfillProgressConsumer],
})
export class BackfillsModule {}
