/** The shapes of the subscription and audit APIs the portal uses (see docs/openapi/). */

export type AuthType = 'none' | 'basic' | 'bearer' | 'oauth2';
export type RetryPreset = 'standard' | 'short' | 'jittered' | 'none' | 'custom';
/** A preset, or `inherit`: no schedule of the webhook's own (`retryPolicy: null`). */
export type RetryChoice = 'inherit' | RetryPreset;
export type SignatureSchemeType = 'standard-webhooks' | 'standard-webhooks-ed25519' | 'hmac-sha256-hex';
export type DeliveryStatus = 'pending' | 'succeeded' | 'retrying' | 'failed' | 'expired';
export const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'retrying', 'failed', 'expired'];
export type AttemptOutcome =
  | 'success'
  | 'http_3xx'
  | 'http_4xx'
  | 'http_5xx'
  | 'timeout'
  | 'dns'
  | 'tls'
  | 'connection_refused'
  | 'connection_reset'
  | 'network'
  | 'blocked'
  | 'expired'
  | 'auth_failed'
  | 'interrupted';
export type HoldReason = 'circuit_open';

export interface RetryPolicy {
  preset: RetryPreset;
  delaysSeconds?: number[];
}

export interface SignatureScheme {
  type: SignatureSchemeType;
  header?: string;
}

/** One certificate as the API sums it up; the PEM itself is not returned. */
export interface CertificateSummary {
  subject: string;
  issuer: string;
  fingerprintSha256: string;
  notBefore: string;
  notAfter: string;
}

/** A webhook's mutual TLS and CA settings as shown; the private key never is. */
export interface WebhookTls {
  clientCertificate: CertificateSummary | null;
  caCertificates: CertificateSummary[];
}

export interface TlsInput {
  clientCertificate: string | null;
  privateKey: string | null;
  caCertificates: string | null;
}

export interface Webhook {
  id: string;
  name: string;
  description: string | null;
  url: string;
  events: string[];
  /** The payload filter (see docs/delivery.md); null delivers every event of the types. */
  filter: Record<string, unknown> | null;
  active: boolean;
  /** The credential itself (password, token, client secret) is never returned. */
  auth: {
    type: AuthType;
    username?: string;
    tokenUrl?: string;
    clientId?: string;
    scope?: string | null;
    audience?: string | null;
  };
  headers: Record<string, string>;
  /** Absent from answers of an API older than the setting. */
  tls?: WebhookTls | null;
  /** null: each event type's default schedule applies. */
  retryPolicy: RetryPolicy | null;
  timeoutSeconds: number;
  signatureScheme: SignatureScheme;
  ordered: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type BackfillStatus = 'pending' | 'running' | 'completed' | 'cancelled' | 'failed';

/** A replay of past events to one webhook, with its progress (`GET /v1/webhooks/:id/backfills`). */
export interface Backfill {
  id: string;
  webhookId: string;
  since: string;
  until: string;
  eventTypes: string[];
  status: BackfillStatus;
  scanned: number;
  matched: number;
  enqueued: number;
  partitions: number | null;
  partitionsDone: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type AuthInput =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string }
  | {
      type: 'oauth2';
      tokenUrl: string;
      clientId: string;
      clientSecret: string;
      scope: string | null;
      audience: string | null;
    };

export interface WebhookInput {
  name: string;
  description?: string | null;
  url: string;
  events: string[];
  /** An object, null to clear it; text that is not JSON is sent as typed for the API to refuse. */
  filter?: unknown;
  active?: boolean;
  auth?: AuthInput;
  headers: Record<string, string>;
  /** Replaced as a whole; null removes it. */
  tls?: TlsInput | null;
  retryPolicy: RetryPolicy | null;
  timeoutSeconds: number;
  ordered: boolean;
  signatureScheme: SignatureScheme;
}

export interface CreatedWebhook extends Webhook {
  signingSecret: string;
}

export interface EventType {
  type: string;
  resource: string;
  description: string;
  origin: 'product' | 'platform';
  schema: Record<string, unknown>;
  example: Record<string, unknown>;
  /** The schedule of a webhook without one of its own, for this type (the organization's, else the catalog's). */
  defaultRetryPolicy: RetryPolicy;
  /** null: events of this type do not expire unless they say so. */
  defaultTtlSeconds: number | null;
  /** The organization's own defaults for the type, already in the two above; null when it set none. */
  organizationDefaults: { retryPolicy: RetryPolicy | null; ttlSeconds: number | null } | null;
}

export interface DeliverySummary {
  id: string;
  eventId: string;
  eventType: string;
  url: string;
  status: DeliveryStatus;
  attemptCount: number;
  lastResponseStatus: number | null;
  /** Set while the delivery waits without an attempt (the endpoint's circuit breaker is open). */
  heldReason: HoldReason | null;
  createdAt: string;
  updatedAt: string;
}

export interface Attempt {
  id: string;
  attempt: number;
  startedAt: string;
  durationMs: number;
  responseStatus: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  responseBodyTruncated: boolean;
  outcome: AttemptOutcome;
  error: string | null;
  nextAttemptAt: string | null;
  requestHeaders: Record<string, string>;
}

export interface DeliveryDetail extends DeliverySummary {
  webhookId: string;
  subject: string;
  nextAttemptAt: string | null;
  payload: Record<string, unknown> | null;
  attempts: Attempt[];
}

export interface DeliveryFilters {
  status?: DeliveryStatus;
  eventType?: string;
  from?: string;
  to?: string;
}

export interface StatsSummary {
  attempts: number;
  succeededAttempts: number;
  failedAttempts: number;
  successRate: number | null;
  latencyMs: {
    count: number;
    mean: number | null;
    p50: number | null;
    p95: number | null;
    p99: number | null;
  };
}

export interface Stats {
  from: string;
  to: string;
  bucket: 'hour' | 'day';
  total: StatsSummary;
  byBucket: Array<StatsSummary & { bucketStart: string }>;
}

export interface RecoveryAccepted {
  count: number;
  skipped: number;
  truncated: boolean;
  nextSince: string | null;
}
