import { ForbiddenException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@hookline/platform';

/** The caller's organization id; routes using it accept organization API keys only. */
export const CurrentOrganization = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (principal?.kind !== 'organization') {
    throw new ForbiddenException('this route needs an organization API key');
  }
  return principal.organizationId;
});
