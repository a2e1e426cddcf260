import type { RetryPolicy } from './retry-policy';
import type { WebhookFilter } from './webhook-filter';

export type EndpointAuth =
  | { type: 'none' }
  | { type: 'basic'; username: string; encryptedPassword: string }
  | { type: 'bearer'; encryptedToken: string }
  | OAuth2ClientCredentialsAuth;

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4): delivery fetches an access token from `tokenUrl`
 * with the client id and secret (HTTP Basic) and sends it as `Authorization: Bearer …`.
 */
export interface OAuth2ClientCredentialsAuth {
  type: 'oauth2';
  tokenUrl: string;
  clientId: string;
  encryptedClientSecret: string;
  /** Sent as the `scope` parameter when set. */
  scope: string | null;
  /** Sent as the `audience` parameter (Auth0, Okta and others) when set. */
  audience: string | null;
}

/**
 * `standard-webhooks`: `v1,` HMAC-SHA256 signatures with `whsec_` secrets. `standard-webhooks-ed25519`:
 * `v1a,` ed25519 signatures with `whsk_` secret keys, verified with their `whpk_` public keys.
 */
export type SignatureScheme =
  | { type: 'standard-webhooks' }
  | { type: 'standard-webhooks-ed25519' }
  | { type: 'hmac-sha256-hex'; header: string };

/**
 * TLS settings of an endpoint beyond the public roots. The certificates are public and travel in
 * clear (PEM); the private key is sealed like the credentials (AAD = webhook id).
 */
export interface EndpointTls {
  /** PEM client certificate (leaf first, then any intermediates) shown when the endpoint asks; null = none. */
  clientCertificate: string | null;
  /** The client certificate's PEM private key, sealed; null exactly when `clientCertificate` is. */
  encryptedPrivateKey: string | null;
  /** PEM CA certificates that alone are trusted for the endpoint's certificate; null = the public roots. */
  caCertificates: string | null;
}

/** A signing secret as it travels between services: encrypted, with the end of its grace period. */
export interface SecretRef {
  encrypted: string;
  /** null for the current secret; set on a rotated-out secret that is still signed with until then. */
  expiresAt: string | null;
}

/**
 * The value of `hookline.subscriptions.v1` (key = webhook id): the whole state delivery needs.
 * Credentials are encrypted with the platform's secrets key; delivery decrypts them when signing.
 */
export interface WebhookState {
  id: string;
  organizationId: string;
  url: string;
  /** Exact types, `resource.*` or `*`. */
  events: string[];
  /** Of the events of those types, only the ones this selects; null = all of them. */
  filter: WebhookFilter | null;
  active: boolean;
  auth: EndpointAuth;
  /** Custom request headers: names in clear, each value sealed like the credentials (AAD = webhook id). */
  encryptedHeaders: Record<string, string>;
  /**
   * Custom headers in clear, as states published before `encryptedHeaders` carried them; consumers
   * still honour it when `encryptedHeaders` is absent. Never written any more.
   */
  headers?: Record<string, string>;
  /** Client certificate and CA bundle for mutual TLS and self-hosted receivers; null = plain TLS. */
  tls: EndpointTls | null;
  /**
   * The webhook's own schedule, which wins over every default; null = inherit: the event type's default
   * applies (see `resolveDeliveryPolicy` in delivery-service). States published before null was allowed
   * always carry one, so they stay explicit.
   */
  retryPolicy: RetryPolicy | null;
  timeoutSeconds: number;
  signatureScheme: SignatureScheme;
  secrets: SecretRef[];
  /** Deliveries of one subject arrive in acceptance order; a failing one holds the later ones. */
  ordered: boolean;
  /** Deliveries per second to this endpoint; null = unlimited. */
  rateLimitPerSecond: number | null;
  /** Requests in flight to this endpoint at once; null = the platform default. */
  maxConcurrency: number | null;
  /** Monotonic per webhook; a consumer ignores a state older than the one it holds. */
  version: number;
  updatedAt: string;
}
