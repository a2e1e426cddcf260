import { UnauthorizedException } from '@nestjs/common';
import { verifyPortalSessionToken } from './portal-session-token';
import type { OrganizationPrincipal } from './principal';

/** A portal session token as an organization principal, or a 401 that says why it was refused. */
export function authenticatePortalSession(token: string, secret: string | null): OrganizationPrincipal {
  if (!secret) {
    throw new UnauthorizedException('portal sessions are not enabled on this service');
  }
  const check = verifyPortalSessionToken(token, secret);
  if (check.ok) {
    return {
      kind: 'organization',
      organizationId: check.claims.organizationId,
      keyId: `portal-session:${check.claims.sid}`,
      scopes: check.claims.scopes,
      portalSessionId: check.claims.sid,
    };
  }
  switch (check.reason) {
    case 'expired':
      throw new UnauthorizedException(
        `portal session expired at ${check.expiredAt?.toISOString() ?? 'an earlier time'}; open the portal again from your dashboard`,
      );
    case 'bad-signature':
    case 'malformed':
      throw new UnauthorizedException('portal session token is not valid');
  }
}
