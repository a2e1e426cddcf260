import { Module } from '@nestjs/common';
import { DeliveryConsumerDeps } from '../consumption/delivery-consumer';
import { DeliveryModule } from '../pipeline/delivery.module';
import { RoutingModule } from '../routing/routing.module';
import { OrderedLaneConsumer } from './ordered-lane.consumer';
import { OrderedLaneService } from './ordered-lane.service';

@Module({
  imports: [RoutingModule, DeliveryModule],
  providers: [DeliveryConsumerDeps, OrderedLaneService, OrderedLaneConsumer],
  exports: [OrderedLaneConsumer],
})
export class OrderingModule {}
