import type { RetryPolicy, WebhookFilter } from '@hookline/contracts';
import type { TlsInput } from './validate-endpoint-tls';

/** Endpoint credentials as the API receives them; stored sealed (`EndpointAuth`). */
export type AuthInput =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string }
  | {
      type: 'oauth2';
      tokenUrl: string;
      clientId: string;
      clientSecret: string;
      scope?: string | null;
      audience?: string | null;
    };

/** `header` defaults to `x-hookline-signature`. */
export type SignatureSchemeInput =
  | { type: 'standard-webhooks' }
  | { type: 'standard-webhooks-ed25519' }
  | { type: 'hmac-sha256-hex'; header?: string };

/** A webhook's definition as create takes it; left-out settings get `WEBHOOK_DEFAULTS`. */
export interface CreateWebhookInput {
  name: string;
  url: string;
  events: string[];
  /** null takes every event of the subscribed types. */
  filter?: WebhookFilter | null;
  active?: boolean;
  description?: string | null;
  metadata?: Record<string, string>;
  auth?: AuthInput;
  headers?: Record<string, string>;
  /** null removes the client certificate and CA bundle. */
  tls?: TlsInput | null;
  /** null inherits the event type's default schedule. */
  retryPolicy?: RetryPolicy | null;
  timeoutSeconds?: number;
  signatureScheme?: SignatureSchemeInput;
  ordered?: boolean;
  rateLimitPerSecond?: number | null;
  maxConcurrency?: number | null;
}

/** PATCH: any field of create, and a request to rotate the signing secret. */
export interface UpdateWebhookInput extends Partial<CreateWebhookInput> {
  rotateSigningSecret?: boolean;
}

/** The fields PATCH may change; a body setting none of them is refused. */
export const UPDATABLE_WEBHOOK_FIELDS = [
  'name',
  'url',
  'events',
  'filter',
  'active',
  'description',
  'metadata',
  'auth',
  'headers',
  'tls',
  'retryPolicy',
  'timeoutSeconds',
  'signatureScheme',
  'ordered',
  'rateLimitPerSecond',
  'maxConcurrency',
  'rotateSigningSecret',
] as const satisfies ReadonlyArray<keyof UpdateWebhookInput>;
