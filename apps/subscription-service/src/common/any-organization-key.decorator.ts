import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AUTH_POLICY, type AuthPolicy } from '@hookline/platform';
import { ApiErrorResponse } from './api-error.response';

/**
 * Any valid organization API key, whatever its scopes (so no 403): for what every customer may
 * read, like the event catalog. `@RequireScopes([])` would do the same but document a 403.
 */
export const AnyOrganizationKey = () =>
  applyDecorators(
    SetMetadata(AUTH_POLICY, { scopes: [] } satisfies AuthPolicy),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ApiErrorResponse, description: 'Missing, unknown or revoked API key' }),
  );
