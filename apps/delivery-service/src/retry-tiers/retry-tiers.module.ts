import { Module } from '@nestjs/common';
import { DeliveryConsumerDeps } from '../consumption/delivery-consumer';
import { DeliveryModule } from '../pipeline/delivery.module';
import { RoutingModule } from '../routing/routing.module';
import { RetryService } from './retry.service';
import { RetryTiersConsumer } from './retry-tiers.consumer';

@Module({
  imports: [RoutingModule, DeliveryModule],
  providers: [DeliveryConsumerDeps, RetryService, RetryTiersConsumer],
  exports: [RetryTiersConsumer],
})
export class RetryTiersModule {}
