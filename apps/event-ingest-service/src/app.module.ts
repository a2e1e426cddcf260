import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  ApiKeyRegistry,
  ApiKeyVerifier,
  AuthGuard,
  AuthTokens,
  DatabaseReadiness,
  HealthModule,
  KafkaReadiness,
  parseServiceTokens,
  serviceFoundation,
} from '@hookline/platform';
import type { IngestEnv } from './config/ingest.env';
import { ingestDataSourceOptions } from './database/data-source';
import { EventsModule } from './events/events.module';
import { INGEST_OPTIONS } from './events/ingest-options';

/** The publish routes: every call is counted (accepted, refused) and answered with its reason. */
const PUBLISH_ROUTES = [
  { path: 'v1/events', method: RequestMethod.POST },
  { path: 'v1/events/batch', method: RequestMethod.POST },
];

@Module({})
export class AppModule {
  static forRoot(config: IngestEnv): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ...serviceFoundation('event-ingest-service', config, 'hookline-event-ingest', PUBLISH_ROUTES),
        TypeOrmModule.forRoot(ingestDataSourceOptions(config.DATABASE_URL)),
        HealthModule.forRoot({
          inject: [KafkaReadiness, DatabaseReadiness, ApiKeyRegistry],
          useFactory: (...checks: [KafkaReadiness, DatabaseReadiness, ApiKeyRegistry]) => checks,
        }),
        EventsModule,
      ],
      providers: [
        DatabaseReadiness,
        ApiKeyRegistry,
        { provide: ApiKeyVerifier, useExisting: ApiKeyRegistry },
        {
          provide: AuthTokens,
          useValue: new AuthTokens(null, parseServiceTokens(config.INGEST_SERVICE_TOKENS)),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        {
          provide: INGEST_OPTIONS,
          useValue: {
            maxBatchSize: config.INGEST_MAX_BATCH_SIZE,
            idempotencyTtlHours: config.IDEMPOTENCY_TTL_HOURS,
          },
        },
      ],
      exports: [DatabaseReadiness, ApiKeyRegistry, INGEST_OPTIONS],
    };
  }
}
