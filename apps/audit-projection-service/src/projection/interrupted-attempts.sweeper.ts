import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AuditEnv } from '../config/audit.env';
import { AuditMetrics } from '../metrics/audit.metrics';
import { ProjectionService } from './projection.service';

const SWEEP_INTERVAL_MS = 5_000;
const SWEEP_BATCH = 500;

/**
 * Records attempts that started and never got an outcome (delivery-service stopped during the
 * request) as `interrupted`, so every request a receiver may have seen is in the log. Runs on
 * every replica; the statement skips starts another replica is taking.
 */
@Injectable()
export class InterruptedAttemptsSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(InterruptedAttemptsSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly projection: ProjectionService,
    private readonly metrics: AuditMetrics,
    private readonly config: AuditEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    await this.running;
  }

  /** One sweep until nothing is due; resolves with how many attempts it recorded. */
  async sweep(): Promise<number> {
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

  private schedule(): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .then(
          () => undefined,
          (error: unknown) => {
            // The starts stay due; the next sweep takes them.
            this.logger.error(`sweep failed: ${error instanceof Error ? error.message : String(error)}`);
          },
        )
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }
}
