import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ApiKey } from './api-key.entity';

/** `last_used_at` is kept to this resolution: one write per key per minute at most. */
export const USAGE_RESOLUTION_MS = 60_000;
const FLUSH_INTERVAL_MS = 5_000;

/**
 * Records when keys were last used without touching the request path: uses are noted in
 * memory and written in one UPDATE every few seconds, at most once a minute per key.
 */
@Injectable()
export class ApiKeyUsageService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ApiKeyUsageService.name);
  private readonly lastNotedAt = new Map<string, number>();
  private readonly pending = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
    }
    await this.flush();
  }

  /** Notes a use of `keyId`; returns whether it will be written (false within the resolution). */
  noteUse(keyId: string, now = Date.now()): boolean {
    const last = this.lastNotedAt.get(keyId);
    if (last !== undefined && now - last < USAGE_RESOLUTION_MS) {
      return false;
    }
    this.lastNotedAt.set(keyId, now);
    this.pending.set(keyId, new Date(now));
    return true;
  }

  get pendingKeyIds(): string[] {
    return [...this.pending.keys()];
  }

  async flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => (this.flushing = null));
    await this.flushing;
  }

  private async write(): Promise<void> {
    this.forgetStale(Date.now());
    if (this.pending.size === 0) {
      return;
    }
    const batch = new Map(this.pending);
    this.pending.clear();
    // Keys used in the same window share one timestamp; the resolution is a minute anyway.
    const usedAt = new Date(Math.max(...[...batch.values()].map((date) => date.getTime())));
    try {
      await this.dataSource
        .getRepository(ApiKey)
        .update({ id: In([...batch.keys()]) }, { lastUsedAt: usedAt });
    } catch (error) {
      for (const [keyId, at] of batch) {
        if (!this.pending.has(keyId)) {
          this.pending.set(keyId, at);
        }
      }
      this.logger.warn(
        `could not record API key usage, will retry: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  // Keeps the map as small as the set of keys used within the last minute.
  private forgetStale(now: number): void {
    for (const [keyId, at] of this.lastNotedAt) {
      if (now - at >= USAGE_RESOLUTION_MS) {
        this.lastNotedAt.delete(keyId);
      }
    }
  }
}
