import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DELIVERY_DEFAULTS_LIMITS, type RetryPolicy } from '@hookline/contracts';
import { NullableRetryPolicyField } from '../../webhooks/dto/webhook-fields.decorators';

const { minTtlSeconds, maxTtlSeconds } = DELIVERY_DEFAULTS_LIMITS;

/** Replaces the organization's defaults for one type as a whole; a field left out is null (the catalog's). */
export class PutDeliveryDefaultsDto {
  @NullableRetryPolicyField(
    "The schedule of your webhooks that set none (`retryPolicy: null`), for events of this type; null: the catalog's default. A webhook's own `retryPolicy` still wins.",
  )
  retryPolicy?: RetryPolicy | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: minTtlSeconds,
    maximum: maxTtlSeconds,
    default: null,
    example: 3600,
    description: `Seconds after \`occurredAt\` after which no attempt is made, unless the event sets its own \`expiresAt\`; ${minTtlSeconds}-${maxTtlSeconds}. null: the catalog's TTL (none for most types).`,
  })
  @IsOptional()
  @IsInt()
  @Min(minTtlSeconds)
  @Max(maxTtlSeconds)
  ttlSeconds?: number | null;
}
