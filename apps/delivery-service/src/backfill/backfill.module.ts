import { Module } from '@nestjs/common';
import { DeliveryModule } from '../pipeline/delivery.module';
import { RoutingModule } from '../routing/routing.module';
import { BackfillService } from './backfill.service';

/** Replays past domain events to one webhook at a time-bounded pace (see docs/delivery.md, Backfill). */
@Module({
  imports: [RoutingModule, DeliveryModule],
  providers: [BackfillService],
  exports: [BackfillService],
})
export class BackfillModule {}
