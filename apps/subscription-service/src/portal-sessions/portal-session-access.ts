import type { ApiScope } from '@hookline/contracts';

export const PORTAL_ACCESS = ['read-only', 'read-write'] as const;
export type PortalAccess = (typeof PORTAL_ACCESS)[number];

/**
 * What each kind of session may do. Neither may create API keys or sessions (those routes take
 * the admin token or an API key), and neither can publish events.
 */
export const PORTAL_ACCESS_SCOPES: Record<PortalAccess, readonly ApiScope[]> = {
  'read-only': ['webhooks:read', 'deliveries:read'],
  'read-write': ['webhooks:read', 'webhooks:write', 'deliveries:read', 'secrets:read'],
};

/** The scopes a session may carry: never more than the key that asked for it holds. */
export function sessionScopes(access: PortalAccess, grantorScopes: readonly ApiScope[] | 'all'): ApiScope[] {
  const wanted = PORTAL_ACCESS_SCOPES[access];
  return grantorScopes === 'all' ? [...wanted] : wanted.filter((scope) => grantorScopes.includes(scope));
}
