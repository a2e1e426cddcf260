import { ApiProperty } from '@nestjs/swagger';
import type { EventOrigin, JSONSchema } from '@hookline/contracts';
import { RetryPolicyView } from '../../webhooks/dto/webhook.response';

export class OrganizationDeliveryDefaultsView {
  @ApiProperty({ type: RetryPolicyView, nullable: true, description: "null: the catalog's schedule." })
  retryPolicy!: RetryPolicyView | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 3600, description: "null: the catalog's TTL." })
  ttlSeconds!: number | null;
}

export class EventTypeResponse {
  @ApiProperty({ example: 'job.status_changed' }) type!: string;

  @ApiProperty({ example: 'job', description: 'Events of a resource share the `<resource>.*` pattern.' })
  resource!: string;

  @ApiProperty({ example: 'The status of a job changed.' }) description!: string;

  @ApiProperty({
    enum: ['product', 'platform'],
    example: 'product',
    description: 'platform: sent by Hookline itself (tests, disabled webhooks, exhausted deliveries).',
  })
  origin!: EventOrigin;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema of `data`, generated from the same rules the platform validates with.',
    example: {
      type: 'object',
      properties: { id: { type: 'string' } },
      required: ['id'],
      additionalProperties: false,
    },
  })
  schema!: JSONSchema;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'A realistic `data` payload.',
    example: { webhookId: 'wh_2x7k9q', message: 'Webhook activated: this is a test event from Hookline.' },
  })
  example!: Record<string, unknown>;

  @ApiProperty({
    type: RetryPolicyView,
    example: { preset: 'standard' },
    description:
      "The retry schedule of your webhooks that set none (`retryPolicy: null`) for events of this type: your organization's for the type, else the catalog's, else `standard`. A webhook's own `retryPolicy` wins.",
  })
  defaultRetryPolicy!: RetryPolicyView;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: null,
    description:
      'Seconds after `occurredAt` after which no attempt is made, unless the event sets its own `expiresAt`; null: events of this type do not expire.',
  })
  defaultTtlSeconds!: number | null;

  @ApiProperty({
    type: OrganizationDeliveryDefaultsView,
    nullable: true,
    description:
      "Your organization's own defaults for the type (PUT /v1/event-types/{type}/delivery-defaults), which the two fields above already include; null when you set none.",
  })
  organizationDefaults!: OrganizationDeliveryDefaultsView | null;
}

export class EventTypeListResponse {
  @ApiProperty({ type: [EventTypeResponse], description: 'Every event type, in catalog order.' })
  items!: EventTypeResponse[];
}

export class SubscribedResponse {
  @ApiProperty({
    example: true,
    description:
      'Whether an active webhook of your organization receives this type (exactly, by `<resource>.*` or `*`).',
  })
  active!: boolean;

  @ApiProperty({
    example: true,
    description:
      'Whether one of those webhooks takes every event of the type, having no payload filter. false while only filtered webhooks subscribe: an event of the type may then be delivered nowhere.',
  })
  everyEvent!: boolean;
}
