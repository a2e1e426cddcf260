import { createHmac, timingSafeEqual } from 'node:crypto';
import { API_SCOPES, type ApiScope } from '@hookline/contracts';

/** Every portal session token starts with this, so the guard knows which check applies. */
export const PORTAL_SESSION_TOKEN_PREFIX = 'hlps_';

/** What a portal session token asserts; signed, never stored. */
export interface PortalSessionClaims {
  /** Session id, for logs and audit trails. */
  sid: string;
  organizationId: string;
  scopes: ApiScope[];
  /** Unix seconds after which the token is refused. */
  exp: number;
}

export type PortalSessionCheck =
  | { ok: true; claims: PortalSessionClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired'; expiredAt?: Date };

/**
 * `hlps_<base64url JSON claims>.<base64url HMAC-SHA256>`: stateless, so every service that holds
 * the shared secret can check it at once, without waiting for a record to reach it.
 */
export function signPortalSessionToken(claims: PortalSessionClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${PORTAL_SESSION_TOKEN_PREFIX}${body}.${mac(body, secret)}`;
}

export function verifyPortalSessionToken(
  token: string,
  secret: string,
  now = new Date(),
): PortalSessionCheck {
  if (!token.startsWith(PORTAL_SESSION_TOKEN_PREFIX)) {
    return { ok: false, reason: 'malformed' };
  }
  const [body, signature, ...rest] = token.slice(PORTAL_SESSION_TOKEN_PREFIX.length).split('.');
  if (!body || !signature || rest.length > 0) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad-signature' };
  }
  const claims = parseClaims(body);
  if (!claims) {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp * 1000 <= now.getTime()) {
    return { ok: false, reason: 'expired', expiredAt: new Date(claims.exp * 1000) };
  }
  return { ok: true, claims };
}

function mac(body: string, secret: string): string {
  return createHmac('sha256', secret).update(`${PORTAL_SESSION_TOKEN_PREFIX}${body}`).digest('base64url');
}

function parseClaims(body: string): PortalSessionClaims | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const claims = value as Partial<PortalSessionClaims> | null;
  if (
    typeof claims?.sid !== 'string' ||
    typeof claims.organizationId !== 'string' ||
    typeof claims.exp !== 'number' ||
    !Array.isArray(claims.scopes) ||
    !claims.scopes.every((scope) => (API_SCOPES as readonly unknown[]).includes(scope))
  ) {
    return null;
  }
  return claims as PortalSessionClaims;
}
