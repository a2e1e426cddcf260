import { BadRequestException, ForbiddenException } from '@nestjs/common';
import type { Principal } from '@hookline/platform';

/** Which organization an event is published for: the key's own, or any one for a service token. */
export function resolveOrganization(principal: Principal, requested: string | undefined): string {
  switch (principal.kind) {
    case 'organization':
      if (requested !== undefined && requested !== principal.organizationId) {
        throw new ForbiddenException("organizationId must be omitted or equal to the API key's organization");
      }
      return principal.organizationId;
    case 'service':
      if (requested === undefined) {
        throw new BadRequestException('organizationId is required when publishing with a service token');
      }
      return requested;
    case 'admin':
      throw new ForbiddenException('the admin token cannot publish events');
  }
}
