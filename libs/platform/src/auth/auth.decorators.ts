import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { ApiScope } from '@hookline/contracts';
import type { Principal } from './principal';

export const AUTH_POLICY = 'hookline:auth-policy';

export interface AuthPolicy {
  public?: boolean;
  admin?: boolean;
  /** An organization key needs every one of these scopes. */
  scopes?: ApiScope[];
  /** Product services' tokens (`INGEST_SERVICE_TOKENS`) are accepted too. */
  serviceToken?: boolean;
}

/** Health, metrics: no credentials. Every other route is closed unless it says who may call. */
export const Public = () => SetMetadata(AUTH_POLICY, { public: true } satisfies AuthPolicy);

export const AdminOnly = () =>
  applyDecorators(
    SetMetadata(AUTH_POLICY, { admin: true } satisfies AuthPolicy),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing or wrong admin token' }),
  );

export const RequireScopes = (scopes: ApiScope[], options: { serviceToken?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(AUTH_POLICY, { scopes, serviceToken: options.serviceToken } satisfies AuthPolicy),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked API key' }),
    ApiForbiddenResponse({ description: `The key lacks a scope: ${scopes.join(', ')}` }),
  );

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
