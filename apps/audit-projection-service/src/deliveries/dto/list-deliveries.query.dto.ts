import { DELIVERY_STATUSES, type DeliveryStatus } from '@hookline/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { IsQueryTimestamp } from '../../common/is-query-timestamp.decorator';
import { decodeDeliveryCursor } from '../delivery-cursor';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const IsDeliveryCursor = () =>
  ValidateBy({
    name: 'isDeliveryCursor',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && decodeDeliveryCursor(value) !== null,
      defaultMessage: () => 'cursor must be a nextCursor value returned by this endpoint',
    },
  });

const IsNotAfter = (property: 'to') =>
  ValidateBy({
    name: 'isNotAfter',
    constraints: [property],
    validator: {
      validate: (value: unknown, args) => {
        const other = (args?.object as Record<string, unknown> | undefined)?.[property];
        return (
          typeof value !== 'string' || typeof other !== 'string' || Date.parse(value) <= Date.parse(other)
        );
      },
      defaultMessage: () => `$property must not be after ${property}`,
    },
  });

export class ListDeliveriesQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'Only deliveries in this status' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ example: 'job.status_changed', description: 'Only deliveries of this event type' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  eventType?: string;

  @ApiPropertyOptional({ description: 'Only deliveries of this event' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  eventId?: string;

  @ApiPropertyOptional({
    example: 'bf_01JDZ8K3Q4W5E6R7T8Y9U0I1O2',
    description: 'Only deliveries this backfill made',
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  backfillId?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Deliveries created at or after this instant (ISO 8601 with offset)',
  })
  @IsOptional()
  @IsQueryTimestamp()
  @IsNotAfter('to')
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Deliveries created before this instant' })
  @IsOptional()
  @IsQueryTimestamp()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @IsDeliveryCursor()
  cursor?: string;
}
