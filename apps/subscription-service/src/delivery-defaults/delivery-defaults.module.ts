import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { DeliveryDefaultsController } from './delivery-defaults.controller';
import { DeliveryDefaultsRepository } from './delivery-defaults.repository';
import { DeliveryDefaultsService } from './delivery-defaults.service';

@Module({
  imports: [OutboxModule],
  controllers: [DeliveryDefaultsController],
  providers: [DeliveryDefaultsService, DeliveryDefaultsRepository],
  exports: [DeliveryDefaultsService],
})
export class DeliveryDefaultsModule {}
