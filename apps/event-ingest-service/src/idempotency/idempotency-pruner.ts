import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { INGEST_OPTIONS, type IngestOptions } from '../events/ingest-options';
import { IdempotencyRepository } from './idempotency.repository';

const PRUNE_INTERVAL_MS = 10 * 60_000;

/** Removes expired idempotency keys every few minutes, a small batch at a time. */
@Injectable()
export class IdempotencyPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyPruner.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repository: IdempotencyRepository,
    @Inject(INGEST_OPTIONS) private readonly options: IngestOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune(), PRUNE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) {
      clearInterval(this.timer);
    }
  }

  async prune(): Promise<number> {
    let total = 0;
    try {
      let removed: number;
      do {
        removed = await this.repository.pruneExpired(this.options.idempotencyTtlHours);
        total += removed;
      } while (removed > 0);
    } catch (error) {
      this.logger.warn(`pruning idempotency keys failed, will retry: ${(error as Error).message}`);
    }
    return total;
  }
}
