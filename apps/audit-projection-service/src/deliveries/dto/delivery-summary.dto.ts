import { DELIVERY_STATUSES, HOLD_REASONS, type DeliveryStatus, type HoldReason } from '@hookline/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiNullable, ApiTimestamp } from '../../common/api-property.decorators';

/** One row of a webhook's log history. */
export class DeliverySummaryDto {
  @ApiProperty({ example: 'dlv_4bJ3k0v1m2Q8sX9tY7uZ6wA5rE' }) id!: string;

  @ApiProperty({ example: 'evt_01JDZ8K3M4N5P6Q7R8S9T0V1W2' }) eventId!: string;

  @ApiProperty({ example: 'job.status_changed' }) eventType!: string;

  @ApiProperty({ description: 'The URL the latest attempt called', example: 'https://example.com/hooks' })
  url!: string;

  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;

  @ApiProperty({ example: 2 }) attemptCount!: number;

  @ApiNullable(Number, 'HTTP status of the latest attempt; null when no response came')
  lastResponseStatus!: number | null;

  @ApiProperty({
    enum: HOLD_REASONS,
    nullable: true,
    description:
      'Why the delivery waits without being attempted: `circuit_open` while the endpoint’s circuit breaker holds it back (status `retrying`; the detail’s `nextAttemptAt` says when it is tried again). Null once the held attempt is made.',
  })
  heldReason!: HoldReason | null;

  @ApiNullable(
    String,
    'The backfill that replayed the event (`POST /v1/webhooks/:id/backfill`); null for a live delivery',
  )
  backfillId!: string | null;

  @ApiTimestamp('When the first attempt started, or the delivery was first held') createdAt!: string;

  @ApiTimestamp('When the latest attempt ended') updatedAt!: string;
}
