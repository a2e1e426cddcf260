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
  @PrimaryColumn({ name: 'organization_id', type: 'text' })
  organizationId!: string;

  @PrimaryColumn({ name: 'bucket_start', type: 'timestamptz' })
  bucketStart!: Date;

  @PrimaryColumn({ name: 'webhook_id', type: 'text' })
  webhookId!: string;

  @PrimaryColumn({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'bigint' })
  attempts!: string;

  @Column({ name: 'deliveries_started', type: 'bigint' })
  deliveriesStarted!: string;

  @Column({ name: 'deliveries_succeeded', type: 'bigint' })
  deliveriesSucceeded!: string;

  @Column({ name: 'deliveries_failed', type: 'bigint' })
  deliveriesFailed!: string;

  @Column({ name: 'deliveries_expired', type: 'bigint' })
  deliveriesExpired!: string;

  @Column({ name: 'latency_count', type: 'bigint' })
  latencyCount!: string;

  @Column({ name: 'latency_sum_ms', type: 'bigint' })
  latencySumMs!: string;

  @Column({ name: 'latency_max_ms', type: 'integer', nullable: true })
  latencyMaxMs!: number | null;

  /** Counts per latency bucket; layout in `latency-histogram.ts`. */
  @Column({ name: 'latency_histogram', type: 'bigint', array: true })
  latencyHistogram!: string[];
}
