import { Module, type DynamicModule } from '@nestjs/common';
import { ApiKeyRegistry, EnvModule, serviceModule } from '@hookline/platform';
import { AuthModule } from './auth/auth.module';
import { AuditEnv } from './config/audit.env';
import { auditDataSourceOptions } from './database/data-source';
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
    return serviceModule(AppModule, {
      service: SERVICE_NAME,
      config,
      env: EnvModule.forRoot(AuditEnv, config),
      database: auditDataSourceOptions(config.DATABASE_URL),
      authenticated: true,
      readiness: {
        imports: [AuthModule, WebhooksModule, ProjectionModule],
        checks: [ApiKeyRegistry, WebhookStatesConsumer, AttemptsConsumer],
      },
      imports: [
        AuditMetricsModule,
        AuthModule,
        WebhooksModule,
        ProjectionModule,
        DeliveriesModule,
        StatsModule,
        RecoveryModule,
        RetentionModule,
      ],
    });
  }
}
