import { ForbiddenException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

/**
 * The caller's organization id. The guard has already authenticated the caller, so a principal
 * that is not an organization (the admin or a service token) is known but not allowed here: 403.
 */
export function organizationOf(principal: Principal | undefined): string {
  if (principal?.kind !== 'organization') {
    throw new ForbiddenException('this route needs an organization API key');
  }
  return principal.organizationId;
}

/** The organization id of the calling API key or portal session; for routes with `@RequireScopes`. */
export const CurrentOrganization = createParamDecorator((_: unknown, context: ExecutionContext): string =>
  organizationOf(context.switchToHttp().getRequest<{ principal?: Principal }>().principal),
);
