import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { OutgoingMessage } from '@hookline/kafka';
import { withTimeout } from '@hookline/platform';
import { OUTBOX_RELAY_OPTIONS, type OutboxRelayOptions } from './outbox-relay.options';
import { OUTBOX_STORE, type OutboxRecord, type OutboxStore } from './outbox-store';
import { OutboxMetrics } from './outbox.metrics';

/** The part of `KafkaPublisher` the relay uses: resolves only once Kafka acknowledged every message. */
export interface OutboxPublisher {
  sendMany(batches: Array<{ topic: string; messages: OutgoingMessage[] }>): Promise<void>;
}

export const OUTBOX_PUBLISHER = Symbol('OUTBOX_PUBLISHER');

// Purging is housekeeping: bound it per pass so it never delays publishing for long.
const MAX_PURGE_ROUNDS_PER_PASS = 10;

/**
 * Publishes outbox rows to Kafka in id order, marking them published only after Kafka
 * acknowledged them. Wakes on NOTIFY (`wake()`) and on the poll interval; while Kafka is
 * unreachable it keeps the rows and retries with backoff, so nothing is lost or reordered.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeRequested = false;
  private interruptSleep: (() => void) | null = null;
  private consecutiveFailures = 0;
  private outageStartedAt: number | null = null;
  private lastPurgeAt = 0;
  private previousSend: { settled: Promise<void>; startedAt: number } | null = null;

  constructor(
    @Inject(OUTBOX_STORE) private readonly store: OutboxStore,
    @Inject(OUTBOX_PUBLISHER) private readonly publisher: OutboxPublisher,
    @Inject(OUTBOX_RELAY_OPTIONS) private readonly options: OutboxRelayOptions,
    private readonly metrics: OutboxMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) {
      return;
    }
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the pass in flight finish (its rows are then marked or left for the next relay). */
  async stop(): Promise<void> {
    this.running = false;
    this.interruptSleep?.();
    await this.loop;
    this.loop = null;
  }

  /** Asks for a pass now; while backing off from an outage it is remembered, not acted on. */
  wake(): void {
    this.wakeRequested = true;
    if (this.consecutiveFailures === 0) {
      this.interruptSleep?.();
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      const waitMs = await this.pass();
      if (this.running) {
        await this.sleep(waitMs);
      }
    }
  }

  /** Drains the outbox; returns how long to wait before the next pass. */
  private async pass(): Promise<number> {
    this.wakeRequested = false;
    try {
      let published: number | null;
      do {
        published = await this.store.publishOldest(this.options.batchSize, (records) =>
          this.publish(records),
        );
      } while (published === this.options.batchSize && this.running);
      this.recovered();
      await this.purgeIfDue();
      return this.options.pollIntervalMs;
    } catch (error) {
      return this.failed(error);
    }
  }

  private async publish(records: OutboxRecord[]): Promise<void> {
    await this.awaitPreviousSend();
    const send = this.publisher.sendMany(groupByTopic(records));
    this.previousSend = { settled: send.then(noop, noop), startedAt: Date.now() };
    await withTimeout(send, this.options.sendTimeoutMs, 'Kafka');
    this.metrics.published.inc(records.length);
  }

  /**
   * A send that timed out may still be retrying inside the producer; sending the rows again
   * meanwhile would pile up copies that all land when Kafka returns. So wait for it, unless it
   * has been stuck so long that it must be lost.
   */
  private async awaitPreviousSend(): Promise<void> {
    const previous = this.previousSend;
    if (previous === null) {
      return;
    }
    if (Date.now() - previous.startedAt > this.options.abandonSendAfterMs) {
      this.previousSend = null;
      return;
    }
    await withTimeout(previous.settled, this.options.sendTimeoutMs, 'Kafka (an earlier send)');
    if (this.previousSend === previous) {
      this.previousSend = null;
    }
  }

  private async purgeIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurgeAt < this.options.purgeIntervalMs) {
      return;
    }
    this.lastPurgeAt = now;
    const cutoff = new Date(now - this.options.retentionMs);
    for (let round = 0; round < MAX_PURGE_ROUNDS_PER_PASS; round += 1) {
      const deleted = await this.store.deletePublishedBefore(cutoff, this.options.purgeBatchSize);
      if (deleted < this.options.purgeBatchSize) {
        return;
      }
    }
  }

  private failed(error: unknown): number {
    this.consecutiveFailures += 1;
    this.metrics.publishFailures.inc();
    this.metrics.consecutiveFailures.set(this.consecutiveFailures);
    if (this.outageStartedAt === null) {
      this.outageStartedAt = Date.now();
      // Once per outage: the rows wait in Postgres, and a log line per retry would only add noise.
      this.logger.warn(
        `outbox relay cannot publish, keeping the rows and retrying with backoff: ${describe(error)}`,
      );
    }
    const exponential = this.options.minBackoffMs * 2 ** Math.min(this.consecutiveFailures - 1, 16);
    const capped = Math.min(this.options.maxBackoffMs, exponential);
    return Math.round(capped * (0.8 + Math.random() * 0.4));
  }

  private recovered(): void {
    if (this.outageStartedAt === null) {
      return;
    }
    const seconds = ((Date.now() - this.outageStartedAt) / 1000).toFixed(1);
    this.logger.log(
      `outbox relay publishing again after ${seconds}s and ${this.consecutiveFailures} failed attempts`,
    );
    this.outageStartedAt = null;
    this.consecutiveFailures = 0;
    this.metrics.consecutiveFailures.set(0);
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakeRequested && this.consecutiveFailures === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.interruptSleep = null;
        resolve();
      }, ms);
      this.interruptSleep = () => {
        clearTimeout(timer);
        this.interruptSleep = null;
        resolve();
      };
    });
  }
}

/** One batch per topic, each in id order, so Kafka receives every key's messages in order. */
export function groupByTopic(records: OutboxRecord[]): Array<{ topic: string; messages: OutgoingMessage[] }> {
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (const record of records) {
    const messages = byTopic.get(record.topic) ?? [];
    messages.push({ key: record.key, value: record.payload, headers: record.headers });
    byTopic.set(record.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

function noop(): void {}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
