import { ApiProperty } from '@nestjs/swagger';
import { BACKFILL_STATUSES, type BackfillStatus } from '@hookline/contracts';
import type { Backfill } from '../backfill.entity';

/** A backfill with its progress as delivery last reported it. */
export class BackfillResponse {
  @ApiProperty({ example: 'bf_01JDZ8K3Q4W5E6R7T8Y9U0I1O2' }) id!: string;

  @ApiProperty() webhookId!: string;

  @ApiProperty({ description: 'Events accepted at or after this instant are replayed.' }) since!: string;

  @ApiProperty({ description: 'Events accepted before this instant are replayed.' }) until!: string;

  @ApiProperty({ type: [String] }) eventTypes!: string[];

  @ApiProperty({
    enum: BACKFILL_STATUSES,
    description:
      'pending until delivery starts it; completed once every domain partition of the window was read.',
  })
  status!: BackfillStatus;

  @ApiProperty({ description: 'Domain messages of the window read so far.' }) scanned!: number;

  @ApiProperty({ description: 'Of those, events the webhook takes (its types and payload filter).' })
  matched!: number;

  @ApiProperty({
    description: 'Matched events handed to delivery and recorded; each shows in the delivery log.',
  })
  enqueued!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Domain partitions read; null until started.' })
  partitions!: number | null;

  @ApiProperty({ description: 'Of those, partitions read to the end of the window.' })
  partitionsDone!: number;

  @ApiProperty() createdAt!: string;

  @ApiProperty({ type: String, nullable: true }) startedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'When it completed or was cancelled.' })
  finishedAt!: string | null;
}

export function toBackfillResponse(backfill: Backfill): BackfillResponse {
  return {
    id: backfill.id,
    webhookId: backfill.webhookId,
    since: backfill.since.toISOString(),
    until: backfill.until.toISOString(),
    eventTypes: backfill.eventTypes,
    status: backfill.status,
    scanned: backfill.scanned,
    matched: backfill.matched,
    enqueued: backfill.enqueued,
    partitions: backfill.partitionCount,
    partitionsDone: Object.values(backfill.partitions).filter((partition) => partition.done).length,
    createdAt: backfill.createdAt.toISOString(),
    startedAt: backfill.startedAt?.toISOString() ?? null,
    finishedAt: backfill.finishedAt?.toISOString() ?? null,
  };
}
