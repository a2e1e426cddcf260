import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  ApiKeyRegistry,
  AuthGuard,
  DatabaseReadiness,
  EnvModule,
  HealthModule,
  KafkaReadiness,
  serviceFoundation,
} from '@hookline/platform';
import { AuthModule } from './auth/auth.module';
import { AuditEnv } from './config/audit.env';
import { DatabaseModule } from './database/database.module';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { AuditMetricsModule } from './metrics/audit-metrics.module';
import { AttemptsConsumer } from './projection/attempts.consumer';
import { ProjectionModule } from './projection/projection.module';
import { RecoveryModule } from './recovery/recovery.module';
import { RetentionModule } from './retention/retention.module';
import { StatsModule } from './stats/stats.module';
import { WebhookStatesConsumer } from './webhooks/webhook-states.consumer';
import { WebhooksModule } from './webhooks/webhooks.module';

export const SERVICE_NAME = 'audit-projection-service';

@Module({})
export class AppModule {
  static forRoot(config: AuditEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EnvModule.forRoot(AuditEnv, config),
        ...serviceFoundation(SERVICE_NAME, config),
        AuditMetricsModule,
        DatabaseModule,
        AuthModule,
        HealthModule.forRoot({
          imports: [DatabaseModule, AuthModule, WebhooksModule, ProjectionModule],
          inject: [
            KafkaReadiness,
            DatabaseReadiness,
            ApiKeyRegistry,
            WebhookStatesConsumer,
            AttemptsConsumer,
          ],
          useFactory: (
            kafka: KafkaReadiness,
            database: DatabaseReadiness,
            apiKeys: ApiKeyRegistry,
            webhookStates: WebhookStatesConsumer,
            attempts: AttemptsConsumer,
          ) => [kafka, database, apiKeys, webhookStates, attempts],
        }),
        WebhooksModule,
        ProjectionModule,
        DeliveriesModule,
        StatsModule,
        RecoveryModule,
        RetentionModule,
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
