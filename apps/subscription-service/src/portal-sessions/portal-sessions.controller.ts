import { Body, Controller, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@hookline/platform';
import { ApiErrorResponse } from '../common/api-error.response';
import { AdminRoute, ReadRoute } from '../common/api-route.decorator';
import { CreatePortalSessionDto } from './dto/create-portal-session.dto';
import { PortalSessionResponse } from './dto/portal-session.response';
import { PortalSessionException } from './portal-sessions.exception';
import { PortalSessionsService } from './portal-sessions.service';

const BAD_REQUEST = 'access, ttlSeconds, brandName, brandColor or locale is invalid';

@ApiTags('portal')
@ApiServiceUnavailableResponse({ type: ApiErrorResponse, description: 'PORTAL_SESSION_SECRET is not set' })
@Controller('v1')
export class PortalSessionsController {
  constructor(private readonly sessions: PortalSessionsService) {}

  @Post('portal-sessions')
  @ReadRoute({
    summary: "Open a portal session for the key's organization",
    description:
      'The session never holds a scope the key lacks, and cannot open sessions or create API keys.',
    status: HttpStatus.CREATED,
    type: PortalSessionResponse,
    badRequest: BAD_REQUEST,
  })
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
  @AdminRoute({
    summary: 'Open a portal session for an organization (admin)',
    status: HttpStatus.CREATED,
    type: PortalSessionResponse,
    badRequest: BAD_REQUEST,
    notFound: 'No such organization',
  })
  async openForOrganization(
    @Param('organizationId') organizationId: string,
    @Body() body: CreatePortalSessionDto,
  ): Promise<PortalSessionResponse> {
    return this.sessions.openForOrganization(organizationId, body);
  }
}
