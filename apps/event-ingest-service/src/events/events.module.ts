import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Module({
  imports: [IdempotencyModule],
  controllers: [EventsController],
  providers: [EventsService],
})
export class EventsModule {}
