import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  ApiKeyVerifier,
  AuthGuard,
  AuthTokens,
  DatabaseReadiness,
  HealthModule,
  KafkaReadiness,
  serviceFoundation,
} from '@hookline/platform';
import { DataSource } from 'typeorm';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { BackfillProgressConsumer } from './backfills/backfill-progress.consumer';
import { BackfillsModule } from './backfills/backfills.module';
import { DatabaseApiKeyVerifier } from './api-keys/api-key-verifier.service';
import { subscriptionConfigModule } from './config/subscription-config.module';
import type { SubscriptionEnv } from './config/subscription.env';
import { subscriptionDataSourceOptions } from './database/data-source';
import { EndpointSignalsConsumer } from './endpoint-signals/endpoint-signals.consumer';
import { DeliveryDefaultsModule } from './delivery-defaults/delivery-defaults.module';
import { EndpointSignalsModule } from './endpoint-signals/endpoint-signals.module';
import { EventTypesModule } from './event-types/event-types.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { OutboxModule } from './outbox/outbox.module';
import { PortalSessionsModule } from './portal-sessions/portal-sessions.module';
import { RelayModule } from './relay/relay.module';
import { SigningSecretsModule } from './signing-secrets/signing-secrets.module';
import { WebhooksModule } from './webhooks/webhooks.module';

export const SERVICE_NAME = 'subscription-service';

@Module({})
export class AppModule {
  static forRoot(config: SubscriptionEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        subscriptionConfigModule(config),
        ...serviceFoundation(SERVICE_NAME, config),
        TypeOrmModule.forRoot({
          ...subscriptionDataSourceOptions(config.DATABASE_URL),
          retryAttempts: 5,
          retryDelay: 2_000,
        }),
        HealthModule.forRoot({
          imports: [EndpointSignalsModule, BackfillsModule],
          inject: [KafkaReadiness, DataSource, EndpointSignalsConsumer, BackfillProgressConsumer],
          useFactory: (
            kafka: KafkaReadiness,
            dataSource: DataSource,
            signals: EndpointSignalsConsumer,
            backfillProgress: BackfillProgressConsumer,
          ) => [kafka, new DatabaseReadiness(dataSource), signals, backfillProgress],
        }),
        OutboxModule,
        ApiKeysModule,
        OrganizationsModule,
        WebhooksModule,
        SigningSecretsModule,
        EventTypesModule,
        DeliveryDefaultsModule,
        EndpointSignalsModule,
        BackfillsModule,
        PortalSessionsModule,
        RelayModule,
      ],
      providers: [
        {
          provide: AuthTokens,
          useValue: new AuthTokens(config.ADMIN_TOKEN, new Map(), config.PORTAL_SESSION_SECRET ?? null),
        },
        { provide: ApiKeyVerifier, useExisting: DatabaseApiKeyVerifier },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
