import type { DynamicModule } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import type { BaseEnv } from './config/base-env';
import { KafkaModule } from './kafka/kafka.module';
import { createLoggerModule } from './logging/logger.module';
import { MetricsModule } from './metrics/metrics.module';

/**
 * The modules every service starts with: its logger, its metrics registry and its Kafka client.
 * `hotRoutes` get no request logger (see `createLoggerModule`).
 */
export function serviceFoundation(
  service: string,
  config: Pick<BaseEnv, 'LOG_LEVEL' | 'KAFKA_BROKERS'>,
  kafkaClientId = service,
  hotRoutes: readonly RouteInfo[] = [],
): DynamicModule[] {
  return [
    createLoggerModule(service, config.LOG_LEVEL, hotRoutes),
    MetricsModule.forRoot(service),
    KafkaModule.forRoot({ clientId: kafkaClientId, brokers: config.KAFKA_BROKERS }),
  ];
}
