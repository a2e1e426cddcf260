import { Injectable } from '@nestjs/common';
import { PeriodicJob } from '@hookline/platform';
import { AuditEnv } from '../config/audit.env';
import { AuditMetrics } from '../metrics/audit.metrics';
import { ProjectionService } from './projection.service';

const SWEEP_INTERVAL_MS = 5_000;
const SWEEP_BATCH = 500;

/**
 * Records attempts that started and never got an outcome (delivery-service stopped during the
 * request) as `interrupted`, so every request a receiver may have seen is in the log. Runs on
 * every replica; the statement skips starts another replica is taking. A failed sweep leaves the
 * starts due, and the next one takes them.
 */
@Injectable()
export class InterruptedAttemptsSweeper extends PeriodicJob {
  constructor(
    private readonly projection: ProjectionService,
    private readonly metrics: AuditMetrics,
    private readonly config: AuditEnv,
  ) {
    super({ name: 'interrupted-attempts sweep', intervalMs: SWEEP_INTERVAL_MS });
  }

  /** One sweep until nothing is due; resolves with how many attempts it recorded. */
  async runOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const recorded = await this.projection.sweepInterrupted(
        this.config.AUDIT_ATTEMPT_OUTCOME_GRACE_SECONDS,
        SWEEP_BATCH,
      );
      total += recorded;
      if (recorded < SWEEP_BATCH) {
        break;
      }
    }
    if (total > 0) {
      this.metrics.attemptsProjected.inc({ result: 'interrupted' }, total);
      this.logger.warn(`${total} attempt(s) recorded as interrupted: started, but no outcome will follow`);
    }
    return total;
  }
}
