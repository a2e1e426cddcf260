import type { DynamicModule, InjectionToken, ModuleMetadata, Provider, Type } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { AuthGuard } from './auth/auth.guard';
import type { BaseEnv } from './config/base-env';
import { DatabaseReadiness } from './database/database.readiness';
import { HealthModule } from './health/health.module';
import { KafkaReadiness } from './kafka/kafka.module';
import { serviceFoundation } from './service-foundation';

export interface ServiceModuleOptions {
  /** Names the service's logger, metrics and (unless `kafkaClientId` is given) Kafka client. */
  service: string;
  config: Pick<BaseEnv, 'LOG_LEVEL' | 'KAFKA_BROKERS'>;
  kafkaClientId?: string;
  /** Routes without a request logger (see `createLoggerModule`). */
  hotRoutes?: readonly RouteInfo[];
  /** The validated environment, first of all so that every other module can inject it. */
  env?: DynamicModule;
  /** The service's Postgres connection; `/health/ready` then asks Postgres after Kafka. */
  database?: TypeOrmModuleOptions;
  /** What `/health/ready` asks besides Kafka and Postgres, and the modules that provide it. */
  readiness: { imports?: ModuleMetadata['imports']; checks: readonly InjectionToken[] };
  /** The service's own modules. */
  imports: NonNullable<ModuleMetadata['imports']>;
  providers?: Provider[];
  exports?: ModuleMetadata['exports'];
  /** Every route is authenticated by `AuthGuard` unless marked public; false where only health is served. */
  authenticated: boolean;
  global?: boolean;
}

/**
 * The root module of a service: its environment, the modules every service starts with, its
 * database, health (its routes first in the API document), then the service's own modules.
 */
export function serviceModule(root: Type, options: ServiceModuleOptions): DynamicModule {
  const guard: Provider[] = options.authenticated ? [{ provide: APP_GUARD, useClass: AuthGuard }] : [];
  const database = options.database === undefined ? [] : [TypeOrmModule.forRoot(options.database)];
  const health = HealthModule.forRoot({
    imports: options.readiness.imports,
    // DatabaseReadiness needs only the DataSource, which TypeORM provides to every module.
    providers: database.length === 0 ? [] : [DatabaseReadiness],
    checks: [
      KafkaReadiness,
      ...(database.length === 0 ? [] : [DatabaseReadiness]),
      ...options.readiness.checks,
    ],
  });
  return {
    module: root,
    global: options.global ?? false,
    imports: [
      ...(options.env === undefined ? [] : [options.env]),
      ...serviceFoundation(options.service, options.config, options.kafkaClientId, options.hotRoutes),
      ...database,
      health,
      ...options.imports,
    ],
    providers: [...(options.providers ?? []), ...guard],
    exports: options.exports ?? [],
  };
}
