import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentPrincipal, RequireScopes, type Principal } from '@hookline/platform';
import { ApiErrorResponse } from '../common/api-error.response';
import { ApiErrors } from '../common/api-errors.decorator';
import { CreatePortalSessionDto } from './dto/create-portal-session.dto';
import { PortalSessionResponse } from './dto/portal-session.response';
import { PortalSessionException } from './portal-sessions.exception';
import { PortalSessionsService } from './portal-sessions.service';

@ApiTags('portal')
@ApiServiceUnavailableResponse({ type: ApiErrorResponse, description: 'PORTAL_SESSION_SECRET is not set' })
@Controller('v1')
export class PortalSessionsController {
  constructor(private readonly sessions: PortalSessionsService) {}

  @Post('portal-sessions')
  @ApiErrors({ badRequest: 'access, ttlSeconds, brandName, brandColor or locale is invalid' })
  @RequireScopes(['webhooks:read'])
  @ApiOperation({
    summary: "Open a portal session for the key's organization",
    description:
      'The session never holds a scope the key lacks, and cannot open sessions or create API keys.',
  })
  @ApiCreatedResponse({ type: PortalSessionResponse })
  async openForKey(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreatePortalSessionDto,
  ): Promise<PortalSessionResponse> {
    if (principal.kind !== 'organization') {
      throw PortalSessionException.scopeMissing();
    }
    if (principal.portalSessionId) {
      throw PortalSessionException.notFromSession();
    }
    return this.sessions.openForKey(principal.organizationId, principal.scopes, body);
  }

  @Post('organizations/:organizationId/portal-sessions')
  @ApiErrors({
    scoped: false,
    badRequest: 'access, ttlSeconds, brandName, brandColor or locale is invalid',
    notFound: 'No such organization',
  })
  @AdminOnly()
  @ApiOperation({ summary: 'Open a portal session for an organization (admin)' })
  @ApiCreatedResponse({ type: PortalSessionResponse })
  async openForOrganization(
    @Param('organizationId') organizationId: string,
    @Body() body: CreatePortalSessionDto,
  ): Promise<PortalSessionResponse> {
    return this.sessions.openForOrganization(organizationId, body);
  }
}
