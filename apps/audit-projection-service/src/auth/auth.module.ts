import { Module } from '@nestjs/common';
import { ApiKeyRegistry, ApiKeyVerifier, AuthTokens } from '@hookline/platform';

/** Organization keys come from `hookline.api-keys.v1`; this service has no admin routes yet. */
@Module({
  providers: [
    ApiKeyRegistry,
    { provide: ApiKeyVerifier, useExisting: ApiKeyRegistry },
    { provide: AuthTokens, useValue: new AuthTokens(null) },
  ],
  exports: [ApiKeyRegistry, ApiKeyVerifier, AuthTokens],
})
export class AuthModule {}
