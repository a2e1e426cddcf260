import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EgressPolicy, SecretBox } from '@hookline/security';
import { SubscriptionEnv } from './subscription.env';

/** The validated environment and the objects built from it, shared by every feature. */
@Global()
@Module({})
export class SubscriptionConfigModule {
  static forRoot(config: SubscriptionEnv): DynamicModule {
    return {
      module: SubscriptionConfigModule,
      providers: [
        { provide: SubscriptionEnv, useValue: config },
        {
          provide: EgressPolicy,
          useFactory: () =>
            new EgressPolicy({
              allowInsecureUrls: config.ALLOW_INSECURE_URLS,
              allowCidrs: EgressPolicy.parseCidrList(config.EGRESS_ALLOW_CIDRS),
            }),
        },
        { provide: SecretBox, useFactory: () => SecretBox.fromEnv(config.SECRETS_ENCRYPTION_KEYS) },
      ],
      exports: [SubscriptionEnv, EgressPolicy, SecretBox],
    };
  }
}
