import { Module } from '@nestjs/common';
import { EgressPolicy, SecretBox } from '@hookline/security';
import { DeliveryEnv } from '../config/delivery.env';
import { AttemptDelivery } from './attempt-delivery';
import { FairScheduler } from '../isolation/fair-scheduler';
import { WebhookCredentialsService } from './webhook-credentials.service';
import { WebhookHttpClient } from './webhook-http.client';

@Module({
  providers: [
    {
      provide: SecretBox,
      inject: [DeliveryEnv],
      useFactory: (config: DeliveryEnv) => SecretBox.fromEnv(config.SECRETS_ENCRYPTION_KEYS),
    },
    {
      provide: EgressPolicy,
      inject: [DeliveryEnv],
      useFactory: (config: DeliveryEnv) =>
        new EgressPolicy({
          allowInsecureUrls: config.ALLOW_INSECURE_URLS,
          allowCidrs: EgressPolicy.parseCidrList(config.EGRESS_ALLOW_CIDRS),
        }),
    },
    {
      // Process-wide: every partition's deliveries share these request slots, fairly between organizations.
      provide: FairScheduler,
      inject: [DeliveryEnv],
      useFactory: (config: DeliveryEnv) =>
        new FairScheduler(config.DELIVERY_MAX_CONCURRENCY, config.DELIVERY_ORG_MAX_CONCURRENCY),
    },
    WebhookCredentialsService,
    WebhookHttpClient,
    AttemptDelivery,
  ],
  exports: [AttemptDelivery, FairScheduler],
})
export class AttemptsModule {}
