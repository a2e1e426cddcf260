import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BACKFILL_STATUSES, type BackfillStatus } from '@hookline/contracts';
import { SUBSCRIPTION_SCHEMA } from '../database/schema';
import { Webhook } from '../webhooks/webhook.entity';

/** What delivery last said of one domain partition of the backfill. */
export interface PartitionCounts {
  scanned: number;
  matched: number;
  enqueued: number;
  done: boolean;
}

/** A replay of past domain events to one webhook; counts come back from delivery's progress records. */
@Entity({ name: 'backfill', schema: SUBSCRIPTION_SCHEMA })
@Index('backfill_webhook_id_id_idx', ['webhookId', 'id'])
@Index('backfill_one_unfinished_per_webhook_idx', ['webhookId'], {
  unique: true,
  where: `status IN ('pending', 'running')`,
})
@Check(
  'backfill_status_check',
  `"status" IN (${BACKFILL_STATUSES.map((status) => `'${status}'`).join(', ')})`,
)
export class Backfill {
  /** `bf_<ULID>`; sorts by creation time. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'backfill_pkey' })
  id!: string;

  @Column({ type: 'text', name: 'organization_id' })
  organizationId!: string;

  @Column({ type: 'text', name: 'webhook_id' })
  webhookId!: string;

  /** A webhook's backfills go with it. */
  @ManyToOne(() => Webhook, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id', foreignKeyConstraintName: 'backfill_webhook_id_fkey' })
  webhook?: Webhook;

  @Column({ type: 'timestamptz' })
  since!: Date;

  @Column({ type: 'timestamptz' })
  until!: Date;

  @Column({ type: 'text', array: true, name: 'event_types' })
  eventTypes!: string[];

  @Column({ type: 'text' })
  status!: BackfillStatus;

  @Column({
    type: 'bigint',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  scanned!: number;

  @Column({
    type: 'bigint',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  matched!: number;

  @Column({
    type: 'bigint',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  enqueued!: number;

  /** Domain partitions the backfill reads; null until delivery has planned it. */
  @Column({ type: 'integer', name: 'partition_count', nullable: true })
  partitionCount!: number | null;

  /** Keyed `<topic>:<partition>`. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  partitions!: Record<string, PartitionCounts>;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
