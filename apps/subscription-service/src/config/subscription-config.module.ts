import type { DynamicModule } from '@nestjs/common';
import { EnvModule } from '@hookline/platform';
import { EgressPolicy, SecretBox } from '@hookline/security';
import { SubscriptionEnv } from './subscription.env';

/** The validated environment and the objects built from it, shared by every feature. */
export function subscriptionConfigModule(config: SubscriptionEnv): DynamicModule {
  return EnvModule.forRoot(SubscriptionEnv, config, [
    {
      provide: EgressPolicy,
      useFactory: () =>
        new EgressPolicy({
          allowInsecureUrls: config.ALLOW_INSECURE_URLS,
          allowCidrs: EgressPolicy.parseCidrList(config.EGRESS_ALLOW_CIDRS),
        }),
    },
    { provide: SecretBox, useFactory: () => SecretBox.fromEnv(config.SECRETS_ENCRYPTION_KEYS) },
  ]);
}
