import { Module, type DynamicModule } from '@nestjs/common';
import { ApiKeyVerifier, AuthTokens, serviceModule } from '@hookline/platform';
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
    return serviceModule(AppModule, {
      service: SERVICE_NAME,
      config,
      env: subscriptionConfigModule(config),
      database: {
        ...subscriptionDataSourceOptions(config.DATABASE_URL),
        retryAttempts: 5,
        retryDelay: 2_000,
      },
      authenticated: true,
      readiness: {
        imports: [EndpointSignalsModule, BackfillsModule],
        checks: [EndpointSignalsConsumer, BackfillProgressConsumer],
      },
      imports: [
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
      ],
    });
  }
}
