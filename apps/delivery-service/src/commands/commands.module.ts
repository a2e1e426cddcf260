import { Module } from '@nestjs/common';
import { DeliveryConsumerDeps } from '../consumption/delivery-consumer';
import { DeliveryModule } from '../pipeline/delivery.module';
import { RoutingModule } from '../routing/routing.module';
import { DeliveryCommandsConsumer } from './delivery-commands.consumer';
import { RedeliveryService } from './redelivery.service';

@Module({
  imports: [RoutingModule, DeliveryModule],
  providers: [DeliveryConsumerDeps, RedeliveryService, DeliveryCommandsConsumer],
  exports: [DeliveryCommandsConsumer],
})
export class CommandsModule {}
