import { ApiProperty } from '@nestjs/swagger';
import { RetryPolicyView } from '../../webhooks/dto/webhook.response';
import type { DeliveryDefaultsEntity } from '../delivery-defaults.entity';

/** An organization's own defaults for one event type. */
export class DeliveryDefaultsResponse {
  @ApiProperty({ example: 'job.created' }) eventType!: string;

  @ApiProperty({
    type: RetryPolicyView,
    nullable: true,
    description: "Your webhooks' schedule for the type when they set none; null: the catalog's.",
  })
  retryPolicy!: RetryPolicyView | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 3600,
    description: "Seconds after `occurredAt` after which no attempt is made; null: the catalog's TTL.",
  })
  ttlSeconds!: number | null;

  @ApiProperty({ type: 'integer', example: 1, description: 'Incremented on every change.' }) version!: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-22T10:00:00.000Z' }) updatedAt!: string;
}

export function toDeliveryDefaultsResponse(row: DeliveryDefaultsEntity): DeliveryDefaultsResponse {
  return {
    eventType: row.eventType,
    retryPolicy: row.retryPolicy,
    ttlSeconds: row.ttlSeconds,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
