import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { SubscriptionEnv } from '../config/subscription.env';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { RelayController } from './relay.controller';
import { RELAY_OPTIONS, type RelayOptions } from './relay.options';
import { RelaySessionsService } from './relay-sessions.service';
import { RelaySocketServer } from './relay-socket.server';

/** `hookline listen`: deliveries to a developer's machine over a WebSocket, without a public URL there. */
@Module({
  imports: [WebhooksModule, ApiKeysModule],
  controllers: [RelayController],
  providers: [
    {
      provide: RELAY_OPTIONS,
      inject: [SubscriptionEnv],
      useFactory: (env: SubscriptionEnv): RelayOptions => ({
        publicUrl: env.RELAY_PUBLIC_URL,
        responseTimeoutMs: env.RELAY_RESPONSE_TIMEOUT_MS,
        maxSessionsPerOrganization: env.RELAY_MAX_SESSIONS_PER_ORGANIZATION,
      }),
    },
    RelaySessionsService,
    RelaySocketServer,
  ],
})
export class RelayModule {}
