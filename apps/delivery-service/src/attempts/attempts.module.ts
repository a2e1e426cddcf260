import { Module } from '@nestjs/common';
import { EgressPolicy, SecretBox } from '@hookline/security';
import { DeliveryEnv } from '../config/delivery.env';
import { OAuth2TokenClient } from '../oauth2/oauth2-token.client';
import { OAuth2TokenService } from '../oauth2/oauth2-token.service';
import { AttemptDelivery } from './attempt-delivery';
import { EndpointDispatchers } from './endpoint-dispatchers';
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
      provide: EndpointDispatchers,
      inject: [EgressPolicy, DeliveryEnv],
      useFactory: (policy: EgressPolicy, config: DeliveryEnv) => new EndpointDispatchers(policy, config),
    },
    WebhookCredentialsService,
    WebhookHttpClient,
    OAuth2TokenClient,
    OAuth2TokenService,
    AttemptDelivery,
  ],
  exports: [AttemptDelivery],
})
export class AttemptsModule {}
