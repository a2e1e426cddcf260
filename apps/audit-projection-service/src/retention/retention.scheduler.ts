import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AuditEnv } from '../config/audit.env';
import { RetentionService } from './retention.service';

const FIRST_RUN_DELAY_MS = 60_000;

/**
 * Prunes periodically on every replica; the statements skip rows another replica holds, so
 * replicas share the work instead of colliding. A failed run is logged and retried next period.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RetentionScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly retention: RetentionService,
    private readonly config: AuditEnv,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.AUDIT_RETENTION_INTERVAL_MINUTES === 0) {
      this.logger.log('retention job disabled (AUDIT_RETENTION_INTERVAL_MINUTES=0)');
      return;
    }
    this.schedule(FIRST_RUN_DELAY_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => {
        this.running = null;
        this.schedule(this.config.AUDIT_RETENTION_INTERVAL_MINUTES * 60_000);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    try {
      const pruned = await this.retention.prune();
      this.logger.log(
        `retention: pruned ${pruned.deliveries} deliveries, ${pruned.attempts} attempts, ${pruned.payloads} payloads, ${pruned.statsRows} hourly stats rows`,
      );
    } catch (error) {
      // Nothing is lost by waiting: the rows stay due and the next run removes them.
      this.logger.error(`retention run failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
