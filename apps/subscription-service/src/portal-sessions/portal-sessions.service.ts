import { Injectable } from '@nestjs/common';
import { IdPrefix, newId, type ApiScope } from '@hookline/contracts';
import { signPortalSessionToken } from '@hookline/platform';
import { SubscriptionEnv } from '../config/subscription.env';
import { PORTAL_SESSION_LIMITS, type CreatePortalSessionDto } from './dto/create-portal-session.dto';
import type { PortalSessionResponse } from './dto/portal-session.response';
import { sessionScopes } from './portal-session-access';
import { portalSessionUrl } from './portal-session-url';
import { PortalSessionException } from './portal-sessions.exception';
import { PortalSessionsRepository } from './portal-sessions.repository';

@Injectable()
export class PortalSessionsService {
  constructor(
    private readonly config: SubscriptionEnv,
    private readonly repository: PortalSessionsRepository,
  ) {}

  /** For the admin: any organization, any access. */
  async openForOrganization(
    organizationId: string,
    input: CreatePortalSessionDto,
  ): Promise<PortalSessionResponse> {
    this.secret();
    if (!(await this.repository.organizationExists(organizationId))) {
      throw PortalSessionException.organizationNotFound(organizationId);
    }
    return this.open(organizationId, 'all', input);
  }

  /** For an API key: its own organization, and never a scope the key lacks. */
  async openForKey(
    organizationId: string,
    keyScopes: ApiScope[],
    input: CreatePortalSessionDto,
  ): Promise<PortalSessionResponse> {
    this.secret();
    if (!keyScopes.includes('webhooks:read')) {
      throw PortalSessionException.scopeMissing();
    }
    return this.open(organizationId, keyScopes, input);
  }

  private open(
    organizationId: string,
    grantorScopes: ApiScope[] | 'all',
    input: CreatePortalSessionDto,
  ): PortalSessionResponse {
    const access = input.access ?? 'read-only';
    const ttlSeconds = input.ttlSeconds ?? PORTAL_SESSION_LIMITS.defaultTtlSeconds;
    const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + ttlSeconds * 1000);
    const id = newId(IdPrefix.portalSession);
    const scopes = sessionScopes(access, grantorScopes);
    const token = signPortalSessionToken(
      { sid: id, organizationId, scopes, exp: expiresAt.getTime() / 1000 },
      this.secret(),
    );
    return {
      id,
      organizationId,
      url: portalSessionUrl(this.config.PORTAL_PUBLIC_URL, token, input),
      token,
      access,
      scopes,
      expiresAt: expiresAt.toISOString(),
    };
  }

  private secret(): string {
    const secret = this.config.PORTAL_SESSION_SECRET;
    if (!secret) {
      throw PortalSessionException.disabled();
    }
    return secret;
  }
}
