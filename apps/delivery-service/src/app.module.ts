import { Module, type DynamicModule } from '@nestjs/common';
import {
  HealthModule,
  KafkaModule,
  KafkaReadiness,
  MetricsModule,
  createLoggerModule,
} from '@hookline/platform';
import { DeliveryEnv } from './config/delivery.env';
import { DispatchModule } from './dispatch/dispatch.module';
import { DomainEventsConsumer } from './dispatch/domain-events.consumer';
import { DeliveryMetricsModule } from './metrics/delivery-metrics.module';
import { RoutingModule } from './routing/routing.module';
import { RoutingService } from './routing/routing.service';

/** HTTP serves only health, metrics and docs; the work is the Kafka → HTTP → Kafka pipeline. */
@Module({})
export class AppModule {
  static forRoot(config: DeliveryEnv): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        createLoggerModule('delivery-service', config.LOG_LEVEL),
        MetricsModule.forRoot('delivery-service'),
        KafkaModule.forRoot({ clientId: 'hookline-delivery', brokers: config.KAFKA_BROKERS }),
        DeliveryMetricsModule,
        RoutingModule,
        DispatchModule,
        HealthModule.forRoot({
          imports: [RoutingModule, DispatchModule],
          inject: [KafkaReadiness, RoutingService, DomainEventsConsumer],
          useFactory: (...checks: [KafkaReadiness, RoutingService, DomainEventsConsumer]) => checks,
        }),
      ],
      providers: [{ provide: DeliveryEnv, useValue: config }],
      exports: [DeliveryEnv],
    };
  }
}
