import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@hookline/platform';

/**
 * The organization id of the calling API key. Only for routes guarded by `@RequireScopes`,
 * where the guard has already authenticated an organization key.
 */
export const CurrentOrganization = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (principal?.kind !== 'organization') {
    throw new UnauthorizedException('this route needs an organization API key');
  }
  return principal.organizationId;
});
