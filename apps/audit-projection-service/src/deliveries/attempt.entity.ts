import type { AttemptOutcome } from '@hookline/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One HTTP attempt, immutable once stored. Organization, webhook and event type are copied
 * from the event so statistics can scan attempts without joining deliveries.
 */
@Entity({ name: 'attempt' })
@Index('attempt_delivery_idx', ['deliveryId', 'attemptNumber', 'startedAt'])
export class AttemptEntity {
  @PrimaryColumn('text') id!: string;

  @Column('text') deliveryId!: string;

  @Column('text') organizationId!: string;

  @Column('text') webhookId!: string;

  @Column('text') eventType!: string;

  @Column('text') url!: string;

  @Column('integer') attemptNumber!: number;

  @Column('timestamptz') startedAt!: Date;

  @Column('integer') durationMs!: number;

  @Column('jsonb') requestHeaders!: Record<string, string>;

  @Column('integer', { nullable: true }) responseStatus!: number | null;

  @Column('jsonb', { nullable: true }) responseHeaders!: Record<string, string> | null;

  @Column('text', { nullable: true }) responseBody!: string | null;

  @Column('boolean') responseBodyTruncated!: boolean;

  @Column('text') outcome!: AttemptOutcome;

  @Column('text', { nullable: true }) error!: string | null;

  @Column('timestamptz', { nullable: true }) nextAttemptAt!: Date | null;
}
