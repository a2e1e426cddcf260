import { DELIVERY_STATUSES, type DeliveryStatus } from '@hookline/contracts';
import { ApiProperty } from '@nestjs/swagger';

/** One row of a webhook's log history. */
export class DeliverySummaryDto {
  @ApiProperty({ example: 'dlv_4bJ3k0v1m2Q8sX9tY7uZ6wA5rE' })
  id!: string;

  @ApiProperty({ example: 'evt_01JDZ8K3M4N5P6Q7R8S9T0V1W2' })
  eventId!: string;

  @ApiProperty({ example: 'job.status_changed' })
  eventType!: string;

  @ApiProperty({ description: 'The URL the latest attempt called', example: 'https://example.com/hooks' })
  url!: string;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: DeliveryStatus;

  @ApiProperty({ example: 2 })
  attemptCount!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'HTTP status of the latest attempt; null when no response came',
  })
  lastResponseStatus!: number | null;

  @ApiProperty({ format: 'date-time', description: 'When the first attempt started' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When the latest attempt ended' })
  updatedAt!: string;
}
