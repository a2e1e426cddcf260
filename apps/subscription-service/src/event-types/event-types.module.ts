import { Module } from '@nestjs/common';
import { DeliveryDefaultsModule } from '../delivery-defaults/delivery-defaults.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { EventTypesController } from './event-types.controller';
import { EventTypesService } from './event-types.service';

@Module({
  imports: [WebhooksModule, DeliveryDefaultsModule],
  controllers: [EventTypesController],
  providers: [EventTypesService],
})
export class EventTypesModule {}
