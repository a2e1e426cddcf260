import { Module, type DynamicModule } from '@nestjs/common';
import { EnvModule, serviceModule } from '@hookline/platform';
import { BackfillModule } from './backfill/backfill.module';
import { BackfillService } from './backfill/backfill.service';
import { CommandsModule } from './commands/commands.module';
import { DeliveryCommandsConsumer } from './commands/delivery-commands.consumer';
import { DeliveryEnv } from './config/delivery.env';
import { DispatchModule } from './dispatch/dispatch.module';
import { DomainEventsConsumer } from './dispatch/domain-events.consumer';
import { DeliveryMetricsModule } from './metrics/delivery-metrics.module';
import { OrderedLaneConsumer } from './ordering/ordered-lane.consumer';
import { OrderingModule } from './ordering/ordering.module';
import { RetryTiersModule } from './retry-tiers/retry-tiers.module';
import { RetryTiersConsumer } from './retry-tiers/retry-tiers.consumer';
import { DeliveryDefaultsModule } from './delivery-defaults/delivery-defaults.module';
import { OrganizationDefaults } from './delivery-defaults/organization-defaults.service';
import { RoutingModule } from './routing/routing.module';
import { RoutingService } from './routing/routing.service';

const FEATURES = [
  RoutingModule,
  DispatchModule,
  RetryTiersModule,
  OrderingModule,
  CommandsModule,
  BackfillModule,
];

/** HTTP serves only health, metrics and docs; the work is the Kafka → HTTP → Kafka pipeline. */
@Module({})
export class AppModule {
  static forRoot(config: DeliveryEnv): DynamicModule {
    return serviceModule(AppModule, {
      service: 'delivery-service',
      config,
      kafkaClientId: 'hookline-delivery',
      env: EnvModule.forRoot(DeliveryEnv, config),
      authenticated: false,
      readiness: {
        imports: [...FEATURES, DeliveryDefaultsModule],
        checks: [
          RoutingService,
          OrganizationDefaults,
          DomainEventsConsumer,
          RetryTiersConsumer,
          OrderedLaneConsumer,
          DeliveryCommandsConsumer,
          BackfillService,
        ],
      },
      imports: [DeliveryMetricsModule, ...FEATURES],
    });
  }
}
