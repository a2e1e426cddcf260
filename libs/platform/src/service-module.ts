import type { DynamicModule, ModuleMetadata, Provider, Type } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard';
import type { BaseEnv } from './config/base-env';
import { HealthModule, type HealthModuleOptions } from './health/health.module';
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
  readiness: HealthModuleOptions;
  /** The service's own modules: its database, its features. */
  imports: NonNullable<ModuleMetadata['imports']>;
  providers?: Provider[];
  exports?: ModuleMetadata['exports'];
  /** Every route is authenticated by `AuthGuard` unless marked public; false where only health is served. */
  authenticated: boolean;
  global?: boolean;
}

/**
 * The root module of a service: its environment, the modules every service starts with, health (its
 * routes first in the API document), then the service's own modules and providers.
 */
export function serviceModule(root: Type, options: ServiceModuleOptions): DynamicModule {
  const guard: Provider[] = options.authenticated ? [{ provide: APP_GUARD, useClass: AuthGuard }] : [];
  return {
    module: root,
    global: options.global ?? false,
    imports: [
      ...(options.env === undefined ? [] : [options.env]),
      ...serviceFoundation(options.service, options.config, options.kafkaClientId, options.hotRoutes),
      HealthModule.forRoot(options.readiness),
      ...options.imports,
    ],
    providers: [...(options.providers ?? []), ...guard],
    exports: options.exports ?? [],
  };
}
