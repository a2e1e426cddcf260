import { Module } from '@nestjs/common';
import { DeliveryModule } from '../pipeline/delivery.module';
import { RoutingModule } from '../routing/routing.module';
import { DeliveryCommandsConsumer } from './delivery-commands.consumer';
import { RedeliveryService } from './redelivery.service';

@Module({
  imports: [RoutingModule, DeliveryModule],
  providers: [RedeliveryService, DeliveryCommandsConsumer],
  exports: [DeliveryCommandsConsumer],
})
export class CommandsModule {}
