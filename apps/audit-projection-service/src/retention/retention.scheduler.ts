import { Injectable } from '@nestjs/common';
import { PeriodicJob } from '@hookline/platform';
import { AuditEnv } from '../config/audit.env';
import { RetentionService } from './retention.service';

const FIRST_RUN_DELAY_MS = 60_000;

/**
 * Prunes periodically on every replica; the statements skip rows another replica holds, so
 * replicas share the work instead of colliding. A failed run is logged and retried next period:
 * nothing is lost by waiting, the rows stay due and the next run removes them.
 */
@Injectable()
export class RetentionScheduler extends PeriodicJob {
  constructor(
    private readonly retention: RetentionService,
    private readonly config: AuditEnv,
  ) {
    super({
      name: 'retention run',
      intervalMs: config.AUDIT_RETENTION_INTERVAL_MINUTES * 60_000,
      firstRunAfterMs: FIRST_RUN_DELAY_MS,
    });
  }

  override onApplicationBootstrap(): void {
    if (this.config.AUDIT_RETENTION_INTERVAL_MINUTES === 0) {
      this.logger.log('retention job disabled (AUDIT_RETENTION_INTERVAL_MINUTES=0)');
      return;
    }
    super.onApplicationBootstrap();
  }

  async runOnce(): Promise<void> {
    const pruned = await this.retention.prune();
    this.logger.log(
      `retention: pruned ${pruned.deliveries} deliveries, ${pruned.attempts} attempts, ${pruned.payloads} payloads, ${pruned.statsRows} hourly stats rows`,
    );
  }
}
