import type { AttemptOutcome } from '@hookline/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One HTTP attempt, immutable once stored. Organization, webhook and event type are copied
 * from the event so statistics can scan attempts without joining deliveries.
 */
@Entity({ name: 'attempt' })
@Index('attempt_delivery_idx', ['deliveryId', 'attemptNumber', 'startedAt'])
export class AttemptEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'text' })
  deliveryId!: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId!: string;

  @Column({ name: 'webhook_id', type: 'text' })
  webhookId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'attempt_number', type: 'integer' })
  attemptNumber!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ name: 'request_headers', type: 'jsonb' })
  requestHeaders!: Record<string, string>;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_headers', type: 'jsonb', nullable: true })
  responseHeaders!: Record<string, string> | null;

  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;

  @Column({ name: 'response_body_truncated', type: 'boolean' })
  responseBodyTruncated!: boolean;

  @Column({ type: 'text' })
  outcome!: AttemptOutcome;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;
}
