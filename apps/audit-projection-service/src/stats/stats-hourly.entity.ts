import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Hourly rollup of the attempts of one webhook and event type, maintained by the projection
 * in the transaction that stores the attempts. Outcome columns are `outcome_<outcome>`
 * (see `OUTCOME_COLUMNS`); statistics are read from here, never from raw attempts.
 */
@Entity({ name: 'stats_hourly' })
@Index('stats_hourly_webhook_idx', ['webhookId', 'bucketStart'])
@Index('stats_hourly_event_type_idx', ['organizationId', 'eventType', 'bucketStart'])
@Index('stats_hourly_bucket_idx', ['bucketStart'])
export class StatsHourlyEntity {
  @PrimaryColumn('text') organizationId!: string;

  @PrimaryColumn('timestamptz') bucketStart!: Date;

  @PrimaryColumn('text') webhookId!: string;

  @PrimaryColumn('text') eventType!: string;

  @Column('bigint') attempts!: string;

  @Column('bigint') deliveriesStarted!: string;

  @Column('bigint') deliveriesSucceeded!: string;

  @Column('bigint') deliveriesFailed!: string;

  @Column('bigint') deliveriesExpired!: string;

  @Column('bigint') latencyCount!: string;

  @Column('bigint') latencySumMs!: string;

  @Column('integer', { nullable: true }) latencyMaxMs!: number | null;

  /** Counts per latency bucket; layout in `latency-histogram.ts`. */
  @Column('bigint', { array: true }) latencyHistogram!: string[];
}
