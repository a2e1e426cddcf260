import { Module } from '@nestjs/common';
import { DeliveryConsumerDeps } from '../consumption/delivery-consumer';
import { DeliveryModule } from '../pipeline/delivery.module';
import { RoutingModule } from '../routing/routing.module';
import { DispatchService } from './dispatch.service';
import { DomainEventsConsumer } from './domain-events.consumer';

@Module({
  imports: [RoutingModule, DeliveryModule],
  providers: [DeliveryConsumerDeps, DispatchService, DomainEventsConsumer],
  exports: [DomainEventsConsumer],
})
export class DispatchModule {}
