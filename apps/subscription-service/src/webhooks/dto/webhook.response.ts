import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RETRY_PRESETS, type EndpointAuth, type RetryPreset, type WebhookFilter } from '@hookline/contracts';
import { redactHeaders } from '@hookline/security';
import { assertNever } from '@hookline/platform';
import { IdProperty } from '../../common/id-property.decorator';
import { AUTH_TYPES } from './endpoint-auth.dto';
import { SIGNATURE_SCHEME_TYPES } from './signature-scheme.dto';
import { summarizeEndpointTls } from '../certificate-summary';
import type { Webhook } from '../webhook.entity';

/** How the endpoint authenticates Hookline's requests; the password, token or client secret is never shown. */
export class WebhookAuthView {
  @ApiProperty({ enum: AUTH_TYPES, example: 'basic' }) type!: EndpointAuth['type'];

  @ApiPropertyOptional({ example: 'hookline', description: 'Basic auth only.' }) username?: string;

  @ApiPropertyOptional({ example: 'https://auth.example.com/oauth/token', description: 'oauth2 only.' })
  tokenUrl?: string;

  @ApiPropertyOptional({ example: 'hookline-prod', description: 'oauth2 only.' }) clientId?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'webhooks:receive',
    description: 'oauth2 only; null: none is sent.',
  })
  scope?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'https://api.example.com',
    description: 'oauth2 only; null: none is sent.',
  })
  audience?: string | null;
}

export class CertificateSummaryView {
  @ApiProperty({ example: 'CN=hookline-client, O=Acme' }) subject!: string;

  @ApiProperty({ example: 'CN=Acme Internal CA' }) issuer!: string;

  @ApiProperty({
    example:
      '3F:2A:9C:41:0B:7E:55:12:8D:AF:60:33:C4:19:E2:7B:90:5D:88:14:A6:2C:F1:07:3E:B9:44:D0:6A:21:5C:E8',
    description: 'SHA-256 of the certificate (DER), colon-separated hex.',
  })
  fingerprintSha256!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-01T00:00:00.000Z' }) notBefore!: string;

  @ApiProperty({ format: 'date-time', example: '2027-11-01T00:00:00.000Z' }) notAfter!: string;
}

/** The webhook's TLS settings as certificate summaries; the private key is never shown. */
export class WebhookTlsView {
  @ApiProperty({
    type: CertificateSummaryView,
    nullable: true,
    description: 'The client certificate presented for mutual TLS (its leaf), or null.',
  })
  clientCertificate!: CertificateSummaryView | null;

  @ApiProperty({
    type: [CertificateSummaryView],
    description:
      "CA certificates trusted for the endpoint's certificate instead of the public roots; empty for the public roots.",
  })
  caCertificates!: CertificateSummaryView[];
}

export class RetryPolicyView {
  @ApiProperty({ enum: RETRY_PRESETS, example: 'standard' }) preset!: RetryPreset;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'integer' },
    example: [60, 300, 3600],
    description: 'custom preset only: delay in seconds before each retry.',
  })
  delaysSeconds?: number[];
}

export class SignatureSchemeView {
  @ApiProperty({ enum: SIGNATURE_SCHEME_TYPES, example: 'standard-webhooks' })
  type!: (typeof SIGNATURE_SCHEME_TYPES)[number];

  @ApiPropertyOptional({
    example: 'x-hookline-signature',
    description: 'hmac-sha256-hex only: the header carrying the signature.',
  })
  header?: string;
}

/** A webhook as the API shows it: no credentials, no secrets. */
export class WebhookResponse {
  @IdProperty('wh') id!: string;

  @ApiProperty({ example: 'Production CRM sync' }) name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Pushes job changes to the CRM' })
  description!: string | null;

  @ApiProperty({ example: 'https://hooks.example.com/hookline' }) url!: string;

  @ApiProperty({ type: [String], example: ['job.created', 'estimate.*'] }) events!: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { field: 'data.status', eq: 'completed' },
    description: 'The payload filter; null when every event of the subscribed types is delivered.',
  })
  filter!: WebhookFilter | null;

  @ApiProperty({ example: true }) active!: boolean;

  @ApiProperty({ type: WebhookAuthView }) auth!: WebhookAuthView;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'X-Tenant': 'acme' },
    description:
      'Custom request headers (stored encrypted); values of credential-like names (authorization, *token*, *secret* …) and values that are credentials (`Basic …`, `Bearer …`) are redacted.',
  })
  headers!: Record<string, string>;

  @ApiProperty({
    type: WebhookTlsView,
    nullable: true,
    description: 'Client certificate and CA bundle (summaries), or null for plain TLS.',
  })
  tls!: WebhookTlsView | null;

  @ApiProperty({
    type: RetryPolicyView,
    nullable: true,
    description:
      "The webhook's own retry schedule; null: each event type's default applies (`defaultRetryPolicy` of GET /v1/event-types).",
  })
  retryPolicy!: RetryPolicyView | null;

  @ApiProperty({ type: 'integer', example: 15 }) timeoutSeconds!: number;

  @ApiProperty({ type: SignatureSchemeView }) signatureScheme!: SignatureSchemeView;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { team: 'integrations' },
  })
  metadata!: Record<string, string>;

  @ApiProperty({ example: false }) ordered!: boolean;

  @ApiProperty({ type: 'integer', nullable: true, example: null }) rateLimitPerSecond!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: null }) maxConcurrency!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description:
      'Why the platform disabled the endpoint (e.g. "endpoint answered 410 Gone"), if it did; cleared when it is switched on again.',
  })
  disabledReason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  disabledAt!: string | null;

  @ApiProperty({ type: 'integer', example: 1, description: 'Incremented on every change.' }) version!: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-22T10:00:00.000Z' }) createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-22T10:00:00.000Z' }) updatedAt!: string;
}

/** `headers`: the webhook's custom headers in clear (see `WebhooksService.openHeaders`); credentials are redacted here. */
export function toWebhookResponse(webhook: Webhook, headers: Record<string, string>): WebhookResponse {
  return {
    id: webhook.id,
    name: webhook.name,
    description: webhook.description,
    url: webhook.url,
    events: webhook.events,
    filter: webhook.filter,
    active: webhook.active,
    auth: toAuthView(webhook.auth),
    headers: redactHeaders(headers),
    tls: summarizeEndpointTls(webhook.tls),
    retryPolicy: webhook.retryPolicy,
    timeoutSeconds: webhook.timeoutSeconds,
    signatureScheme: webhook.signatureScheme,
    metadata: webhook.metadata,
    ordered: webhook.ordered,
    rateLimitPerSecond: webhook.rateLimitPerSecond,
    maxConcurrency: webhook.maxConcurrency,
    disabledReason: webhook.disabledReason,
    disabledAt: webhook.disabledAt?.toISOString() ?? null,
    version: webhook.version,
    createdAt: webhook.createdAt.toISOString(),
    updatedAt: webhook.updatedAt.toISOString(),
  };
}

function toAuthView(auth: EndpointAuth): WebhookAuthView {
  switch (auth.type) {
    case 'none':
      return { type: 'none' };
    case 'basic':
      return { type: 'basic', username: auth.username };
    case 'bearer':
      return { type: 'bearer' };
    case 'oauth2':
      return {
        type: 'oauth2',
        tokenUrl: auth.tokenUrl,
        clientId: auth.clientId,
        scope: auth.scope,
        audience: auth.audience,
      };
    default:
      return assertNever(auth, 'endpoint auth');
  }
}
