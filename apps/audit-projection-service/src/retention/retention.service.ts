import { Injectable } from '@nestjs/common';
import { AuditEnv } from '../config/audit.env';
import { AuditMetrics } from '../metrics/audit.metrics';
import { RetentionPolicy } from './retention-policy';
import { RetentionRepository } from './retention.repository';

export interface PruneResult {
  payloads: number;
  deliveries: number;
  attempts: number;
  statsRows: number;
}

@Injectable()
export class RetentionService {
  constructor(
    private readonly repository: RetentionRepository,
    private readonly policy: RetentionPolicy,
    private readonly metrics: AuditMetrics,
    private readonly config: AuditEnv,
  ) {}

  /** Removes everything past retention at `now`, one small batch per statement until none is left. */
  async prune(
    now: Date = new Date(),
    batchSize = this.config.AUDIT_RETENTION_BATCH_SIZE,
  ): Promise<PruneResult> {
    const cutoffs = this.policy.cutoffs(now);
    const result: PruneResult = { payloads: 0, deliveries: 0, attempts: 0, statsRows: 0 };
    for (;;) {
      const pruned = await this.repository.pruneDeliveries(cutoffs.attempts, batchSize);
      result.deliveries += pruned.deliveries;
      result.attempts += pruned.attempts;
      if (pruned.deliveries < batchSize) {
        break;
      }
    }
    result.payloads = await untilExhausted(
      () => this.repository.prunePayloads(cutoffs.payloads, batchSize),
      batchSize,
    );
    result.statsRows = await untilExhausted(
      () => this.repository.pruneStats(cutoffs.stats, batchSize),
      batchSize,
    );
    this.metrics.retentionPruned.inc({ table: 'delivery' }, result.deliveries);
    this.metrics.retentionPruned.inc({ table: 'attempt' }, result.attempts);
    this.metrics.retentionPruned.inc({ table: 'payload' }, result.payloads);
    this.metrics.retentionPruned.inc({ table: 'stats_hourly' }, result.statsRows);
    return result;
  }
}

async function untilExhausted(pruneBatch: () => Promise<number>, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await pruneBatch();
    total += count;
    if (count < batchSize) {
      return total;
    }
  }
}
