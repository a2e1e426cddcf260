/** The shapes of the subscription and audit APIs the portal uses (see docs/openapi/). */

export type AuthType = 'none' | 'basic' | 'bearer';
export type RetryPreset = 'standard' | 'short' | 'jittered' | 'none' | 'custom';
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

export interface Webhook {
  id: string;
  name: string;
  description: string | null;
  url: string;
  events: string[];
  /** The payload filter (see docs/delivery.md); null delivers every event of the types. */
  filter: Record<string, unknown> | null;
  active: boolean;
  auth: { type: AuthType; username?: string };
  headers: Record<string, string>;
  retryPolicy: RetryPolicy;
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
  | { type: 'bearer'; token: string };

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
  retryPolicy: RetryPolicy;
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
