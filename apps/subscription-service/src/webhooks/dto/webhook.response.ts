import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RETRY_PRESETS, type EndpointAuth, type RetryPreset } from '@hookline/contracts';
import { redactHeaders } from '@hookline/security';
import type { Webhook } from '../webhook.entity';

/** How the endpoint authenticates Hookline's requests; the password or token is never shown. */
export class WebhookAuthView {
  @ApiProperty({ enum: ['none', 'basic', 'bearer'] })
  type!: EndpointAuth['type'];

  @ApiPropertyOptional({ description: 'Basic auth only.' })
  username?: string;
}

export class RetryPolicyView {
  @ApiProperty({ enum: RETRY_PRESETS, example: 'standard' })
  preset!: RetryPreset;

  @ApiPropertyOptional({
    type: [Number],
    description: 'custom preset only: delay in seconds before each retry.',
  })
  delaysSeconds?: number[];
}

export class SignatureSchemeView {
  @ApiProperty({ enum: ['standard-webhooks', 'hmac-sha256-hex'] })
  type!: 'standard-webhooks' | 'hmac-sha256-hex';

  @ApiPropertyOptional({ description: 'hmac-sha256-hex only: the header carrying the signature.' })
  header?: string;
}

/** A webhook as the API shows it: no credentials, no secrets. */
export class WebhookResponse {
  @ApiProperty({ example: 'wh_01JDZ8K3W6Y8F7T1V3N9Q2R5XA' })
  id!: string;

  @ApiProperty({ example: 'Production CRM sync' })
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ example: 'https://hooks.example.com/hookline' })
  url!: string;

  @ApiProperty({ type: [String], example: ['job.created', 'estimate.*'] })
  events!: string[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: WebhookAuthView })
  auth!: WebhookAuthView;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Custom request headers; values that look like credentials are redacted.',
  })
  headers!: Record<string, string>;

  @ApiProperty({ type: RetryPolicyView })
  retryPolicy!: RetryPolicyView;

  @ApiProperty({ example: 15 })
  timeoutSeconds!: number;

  @ApiProperty({ type: SignatureSchemeView })
  signatureScheme!: SignatureSchemeView;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  metadata!: Record<string, string>;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the platform disabled the endpoint, if it did.',
  })
  disabledReason!: string | null;

  @ApiProperty({ example: 1, description: 'Incremented on every change.' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export function toWebhookResponse(webhook: Webhook): WebhookResponse {
  return {
    id: webhook.id,
    name: webhook.name,
    description: webhook.description,
    url: webhook.url,
    events: webhook.events,
    active: webhook.active,
    auth: toAuthView(webhook.auth),
    headers: redactHeaders(webhook.headers),
    retryPolicy: webhook.retryPolicy,
    timeoutSeconds: webhook.timeoutSeconds,
    signatureScheme: webhook.signatureScheme,
    metadata: webhook.metadata,
    disabledReason: webhook.disabledReason,
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
    default:
      return assertNever(auth);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected endpoint auth ${JSON.stringify(value)}`);
}
