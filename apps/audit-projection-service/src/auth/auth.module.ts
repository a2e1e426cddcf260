import { Module } from '@nestjs/common';
import { ApiKeyRegistry, ApiKeyVerifier, AuthTokens } from '@hookline/platform';
import { AuditEnv } from '../config/audit.env';

/**
 * Organization keys come from `hookline.api-keys.v1`; portal sessions are checked with the secret
 * shared with subscription-service. This service has no admin routes yet.
 */
@Module({
  providers: [
    ApiKeyRegistry,
    { provide: ApiKeyVerifier, useExisting: ApiKeyRegistry },
    {
      provide: AuthTokens,
      inject: [AuditEnv],
      useFactory: (config: AuditEnv) => new AuthTokens(null, new Map(), config.PORTAL_SESSION_SECRET ?? null),
    },
  ],
  exports: [ApiKeyRegistry, ApiKeyVerifier, AuthTokens],
})
export class AuthModule {}
