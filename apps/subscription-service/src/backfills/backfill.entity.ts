import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BACKFILL_STATUSES, type BackfillStatus } from '@hookline/contracts';
import { ParentRow } from '../database/parent-row.decorator';
import { SUBSCRIPTION_SCHEMA } from '../database/schema';
import { Webhook } from '../webhooks/webhook.entity';

/** What delivery last said of one domain partition of the backfill. */
export interface PartitionCounts {
  scanned: number;
  matched: number;
  enqueued: number;
  done: boolean;
}

/** pg returns a bigint as a string; these counts stay far below 2^53, so a number holds them. */
const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

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
  @PrimaryColumn('text', { primaryKeyConstraintName: 'backfill_pkey' }) id!: string;

  @Column('text') organizationId!: string;

  @Column('text') webhookId!: string;

  /** A webhook's backfills go with it. */
  @ParentRow(() => Webhook, 'backfill', 'webhook_id', { onDelete: 'CASCADE' })
  webhook?: Webhook;

  @Column('timestamptz') since!: Date;

  @Column('timestamptz') until!: Date;

  @Column('text', { array: true }) eventTypes!: string[];

  @Column('text') status!: BackfillStatus;

  @Column('bigint', { default: 0, transformer: bigintAsNumber }) scanned!: number;

  @Column('bigint', { default: 0, transformer: bigintAsNumber }) matched!: number;

  @Column('bigint', { default: 0, transformer: bigintAsNumber }) enqueued!: number;

  /** Domain partitions the backfill reads; null until delivery has planned it. */
  @Column('integer', { nullable: true }) partitionCount!: number | null;

  /** Keyed `<topic>:<partition>`. */
  @Column('jsonb', { default: () => `'{}'` }) partitions!: Record<string, PartitionCounts>;

  @Column('timestamptz') createdAt!: Date;

  @Column('timestamptz', { nullable: true }) startedAt!: Date | null;

  @Column('timestamptz', { nullable: true }) finishedAt!: Date | null;

  @Column('timestamptz') updatedAt!: Date;
}
