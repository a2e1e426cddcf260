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
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId!: string;

  @Column({ name: 'webhook_id', type: 'text' })
  webhookId!: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'text' })
  subject!: string;

  /** The URL the latest attempt called; it changes when the webhook's URL does. */
  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ name: 'attempt_count', type: 'integer' })
  attemptCount!: number;

  /** Null (with the other last-attempt columns) while a held delivery has no attempt yet. */
  @Column({ name: 'last_attempt_id', type: 'text', nullable: true })
  lastAttemptId!: string | null;

  @Column({ name: 'last_attempt_number', type: 'integer' })
  lastAttemptNumber!: number;

  @Column({ name: 'last_response_status', type: 'integer', nullable: true })
  lastResponseStatus!: number | null;

  @Column({ name: 'last_outcome', type: 'text', nullable: true })
  lastOutcome!: AttemptOutcome | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  /** Why the delivery waits without an attempt (an open circuit breaker); null once attempted. */
  @Column({ name: 'held_reason', type: 'text', nullable: true })
  heldReason!: HoldReason | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'event_occurred_at', type: 'timestamptz' })
  eventOccurredAt!: Date;

  /** When the first attempt started, or the delivery was first held. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When the latest-finishing attempt ended: the last time the delivery's state changed. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** The backfill that replayed the event; null for a live delivery. */
  @Column({ name: 'backfill_id', type: 'text', nullable: true })
  backfillId!: string | null;
}
