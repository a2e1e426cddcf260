import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface PrunedDeliveries {
  deliveries: number;
  attempts: number;
}

/**
 * Each method deletes at most `limit` rows in one short statement, picked through an index
 * and skipping rows another transaction holds, so pruning never blocks the projection for long.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Deliveries whose last attempt ended before `cutoff`, with all their attempts (`delivery_updated_idx`). */
  async pruneDeliveries(cutoff: Date, limit: number): Promise<PrunedDeliveries> {
    const [row] = await this.dataSource.query<Array<{ deliveries: number; attempts: number }>>(
      `WITH doomed AS (
         SELECT id FROM audit.delivery WHERE updated_at < $1 ORDER BY updated_at LIMIT $2
         FOR UPDATE SKIP LOCKED
       ),
       gone_attempts AS (
         DELETE FROM audit.attempt a USING doomed WHERE a.delivery_id = doomed.id RETURNING a.id
       ),
       gone_deliveries AS (
         DELETE FROM audit.delivery d USING doomed WHERE d.id = doomed.id RETURNING d.id
       )
       SELECT (SELECT count(*) FROM gone_deliveries)::int AS deliveries,
         (SELECT count(*) FROM gone_attempts)::int AS attempts`,
      [cutoff.toISOString(), limit],
    );
    return { deliveries: row.deliveries, attempts: row.attempts };
  }

  /** Payloads of events that occurred before `cutoff` (`payload_occurred_idx`). */
  async prunePayloads(cutoff: Date, limit: number): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ count: number }>>(
      `WITH gone AS (
         DELETE FROM audit.payload WHERE event_id IN (
           SELECT event_id FROM audit.payload WHERE occurred_at < $1 ORDER BY occurred_at LIMIT $2
           FOR UPDATE SKIP LOCKED
         ) RETURNING 1
       )
       SELECT count(*)::int AS count FROM gone`,
      [cutoff.toISOString(), limit],
    );
    return row.count;
  }

  /** Hourly rollups of hours before `cutoff` (`stats_hourly_bucket_idx`). */
  async pruneStats(cutoff: Date, limit: number): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ count: number }>>(
      `WITH gone AS (
         DELETE FROM audit.stats_hourly WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM audit.stats_hourly WHERE bucket_start < $1 ORDER BY bucket_start LIMIT $2
           FOR UPDATE SKIP LOCKED
         )) RETURNING 1
       )
       SELECT count(*)::int AS count FROM gone`,
      [cutoff.toISOString(), limit],
    );
    return row.count;
  }
}
