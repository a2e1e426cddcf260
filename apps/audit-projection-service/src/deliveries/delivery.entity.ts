import type { AttemptOutcome, DeliveryStatus, HoldReason } from '@hookline/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One event to one webhook, as its latest attempt left it. Every column is derived from the
 * attempts alone, so replaying the topic in any order rebuilds the same row.
 */
@Entity({ name: 'delivery' })
// (webhook_id, created_at DESC, id DESC) INCLUDE (organization_id, status, event_type): the log list.
@Index('delivery_webhook_list_idx', ['webhookId', 'createdAt', 'id'])
// (webhook_id, created_at, id) WHERE status = 'failed': recovery.
@Index('delivery_webhook_failed_idx', ['webhookId', 'createdAt', 'id'], { where: `"status" = 'failed'` })
@Index('delivery_organization_created_idx', ['organizationId', 'createdAt'])
@Index('delivery_event_idx', ['eventId'])
@Index('delivery_updated_idx', ['updatedAt'])
@Index('delivery_webhook_backfill_idx', ['webhookId', 'backfillId', 'createdAt', 'id'], {
  where: '"backfill_id" IS NOT NULL',
})
export class DeliveryEntity {
  @PrimaryColumn('text') id!: string;

  @Column('text') organizationId!: string;

  @Column('text') webhookId!: string;

  @Column('text') eventId!: string;

  @Column('text') eventType!: string;

  @Column('text') subject!: string;

  /** The URL the latest attempt called; it changes when the webhook's URL does. */
  @Column('text') url!: string;

  @Column('text') status!: DeliveryStatus;

  @Column('integer') attemptCount!: number;

  /** Null (with the other last-attempt columns) while a held delivery has no attempt yet. */
  @Column('text', { nullable: true }) lastAttemptId!: string | null;

  @Column('integer') lastAttemptNumber!: number;

  @Column('integer', { nullable: true }) lastResponseStatus!: number | null;

  @Column('text', { nullable: true }) lastOutcome!: AttemptOutcome | null;

  @Column('timestamptz', { nullable: true }) lastAttemptAt!: Date | null;

  /** Why the delivery waits without an attempt (an open circuit breaker); null once attempted. */
  @Column('text', { nullable: true }) heldReason!: HoldReason | null;

  @Column('timestamptz', { nullable: true }) nextAttemptAt!: Date | null;

  @Column('timestamptz') eventOccurredAt!: Date;

  /** When the first attempt started, or the delivery was first held. */
  @Column('timestamptz') createdAt!: Date;

  /** When the latest-finishing attempt ended: the last time the delivery's state changed. */
  @Column('timestamptz') updatedAt!: Date;

  /** The backfill that replayed the event; null for a live delivery. */
  @Column('text', { nullable: true }) backfillId!: string | null;
}
