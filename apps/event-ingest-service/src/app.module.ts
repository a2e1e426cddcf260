import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import {
  ApiKeyRegistry,
  ApiKeyVerifier,
  AuthTokens,
  parseServiceTokens,
  serviceModule,
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
    return serviceModule(AppModule, {
      service: 'event-ingest-service',
      config,
      kafkaClientId: 'hookline-event-ingest',
      hotRoutes: PUBLISH_ROUTES,
      authenticated: true,
      global: true,
      readiness: { checks: [ApiKeyRegistry] },
      database: ingestDataSourceOptions(config.DATABASE_URL),
      imports: [EventsModule],
      providers: [
        ApiKeyRegistry,
        { provide: ApiKeyVerifier, useExisting: ApiKeyRegistry },
        {
          provide: AuthTokens,
          useValue: new AuthTokens(null, parseServiceTokens(config.INGEST_SERVICE_TOKENS)),
        },
        {
          provide: INGEST_OPTIONS,
          useValue: {
            maxBatchSize: config.INGEST_MAX_BATCH_SIZE,
            idempotencyTtlHours: config.IDEMPOTENCY_TTL_HOURS,
          },
        },
      ],
      exports: [ApiKeyRegistry, INGEST_OPTIONS],
    });
  }
}
