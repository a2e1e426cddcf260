import { Global, Module } from '@nestjs/common';
import { DeliveryMetrics } from './delivery.metrics';

@Global()
@Module({ providers: [DeliveryMetrics], exports: [DeliveryMetrics] })
export class DeliveryMetricsModule {}
