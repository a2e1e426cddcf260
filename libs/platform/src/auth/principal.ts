import type { ApiScope } from '@hookline/contracts';

export type Principal =
  | { kind: 'admin' }
  | { kind: 'service'; name: string }
  | {
      kind: 'organization';
      organizationId: string;
      keyId: string;
      scopes: ApiScope[];
      /** Set when the caller is a portal session rather than an API key. */
      portalSessionId?: string;
    };

export type OrganizationPrincipal = Extract<Principal, { kind: 'organization' }>;

/** Resolves an organization API key to its principal, or null when unknown or revoked. */
export abstract class ApiKeyVerifier {
  abstract verify(key: string): Promise<OrganizationPrincipal | null>;
}

/** Tokens that are not organization keys: the platform admin's and product services'. */
export class AuthTokens {
  constructor(
    readonly adminToken: string | null,
    /** name → token, from `INGEST_SERVICE_TOKENS=name:token,...`. */
    readonly serviceTokens: ReadonlyMap<string, string> = new Map(),
    /** HMAC secret of portal session tokens (`PORTAL_SESSION_SECRET`); null refuses them all. */
    readonly portalSessionSecret: string | null = null,
  ) {}
}

export function parseServiceTokens(value: string | undefined): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const entry of (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    if (separator <= 0 || separator === entry.length - 1) {
      throw new Error(`INGEST_SERVICE_TOKENS entry "${entry.slice(0, 20)}…" must be name:token`);
    }
    tokens.set(entry.slice(0, separator), entry.slice(separator + 1));
  }
  return tokens;
}
