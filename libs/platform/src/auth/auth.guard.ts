import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { digestsEqual, secretDigest } from '@hookline/security';
import { AUTH_POLICY, type AuthPolicy } from './auth.decorators';
import { authenticatePortalSession } from './authenticate-portal-session';
import { PORTAL_SESSION_TOKEN_PREFIX } from './portal-session-token';
import { ApiKeyVerifier, AuthTokens, type Principal } from './principal';

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/** Global guard: routes are closed unless decorated with who may call them. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: ApiKeyVerifier,
    private readonly tokens: AuthTokens,
  ) {
    this.adminDigest = tokens.adminToken ? secretDigest(tokens.adminToken) : null;
    this.serviceDigests = [...tokens.serviceTokens].map(([name, token]) => [name, secretDigest(token)]);
  }

  // The known tokens are hashed once; a request hashes only the token it presents.
  private readonly adminDigest: Buffer | null;
  private readonly serviceDigests: Array<[string, Buffer]>;

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AuthPolicy | undefined>(AUTH_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (policy?.public) {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    request.principal = await this.authenticate(token, policy ?? {});
    return true;
  }

  private async authenticate(token: string, policy: AuthPolicy): Promise<Principal> {
    if (policy.admin) {
      if (this.adminDigest && digestsEqual(secretDigest(token), this.adminDigest)) {
        return { kind: 'admin' };
      }
      throw new UnauthorizedException('this route needs the admin token');
    }
    if (policy.serviceToken) {
      const presented = secretDigest(token);
      for (const [name, known] of this.serviceDigests) {
        if (digestsEqual(presented, known)) {
          return { kind: 'service', name };
        }
      }
    }
    if (!policy.scopes) {
      throw new UnauthorizedException('this route accepts no credentials');
    }
    const isPortalSession = token.startsWith(PORTAL_SESSION_TOKEN_PREFIX);
    const principal = isPortalSession
      ? authenticatePortalSession(token, this.tokens.portalSessionSecret)
      : await this.verifier.verify(token);
    if (!principal) {
      throw new UnauthorizedException('API key is unknown or revoked');
    }
    const missing = policy.scopes.filter((scope) => !principal.scopes.includes(scope));
    if (missing.length > 0) {
      const holder = isPortalSession ? 'this portal session' : 'this API key';
      throw new ForbiddenException(`${holder} lacks the scope ${missing.join(', ')}`);
    }
    return principal;
  }
}

function bearerToken(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  if (!match) {
    throw new UnauthorizedException('missing header Authorization: Bearer <API key>');
  }
  return match[1];
}
