/**
 * Scopes an organization API key can carry. `secrets:read` reveals a webhook's current signing secret,
 * enough to forge deliveries, so it is not part of `webhooks:read`.
 */
export const API_SCOPES = [
  'webhooks:read',
  'webhooks:write',
  'events:write',
  'deliveries:read',
  'secrets:read',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/**
 * The value of `hookline.api-keys.v1` (compacted, key = key id): what every service needs to
 * authenticate a key without reading subscription-service's tables. Only the hash travels.
 */
export interface ApiKeyRecord {
  id: string;
  organizationId: string;
  /** sha256 hex of the full key. */
  hash: string;
  scopes: ApiScope[];
  revokedAt: string | null;
}
