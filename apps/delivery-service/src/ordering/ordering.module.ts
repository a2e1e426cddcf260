import { Module } from '@nestjs/common';
import { DeliveryModule } from '../pipeline/delivery.module';
import { RoutingModule } from '../routing/routing.module';
import { OrderedLaneConsumer } from './ordered-lane.consumer';
import { OrderedLaneService } from './ordered-lane.service';

@Module({
  imports: [RoutingModule, DeliveryModule],
  providers: [OrderedLaneService, OrderedLaneConsumer],
  exports: [OrderedLaneConsumer],
})
export class OrderingModule {}
