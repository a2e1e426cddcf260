import { Logger } from '@nestjs/common';
import type { OutgoingMessage } from '@hookline/kafka';
import { eventually } from '@hookline/testing';
import { Registry } from 'prom-client';
import { OutboxRelay, type OutboxPublisher } from './outbox-relay.service';
import { DEFAULT_OUTBOX_RELAY_OPTIONS, type OutboxRelayOptions } from './outbox-relay.options';
import type { OutboxRecord, OutboxStore } from './outbox-store';
import { OutboxMetrics } from './outbox.metrics';

interface StoredRow extends OutboxRecord {
  publishedAt: Date | null;
}

class InMemoryOutboxStore implements OutboxStore {
  readonly rows: StoredRow[] = [];
  lockedByAnotherRelay = false;
  passes = 0;
  private nextId = 1;

  add(key: string, payload: object | null, topic = 'hookline.subscriptions.v1'): void {
    this.rows.push({ id: String(this.nextId++), topic, key, payload, headers: {}, publishedAt: null });
  }

  get unpublished(): StoredRow[] {
    return this.rows.filter((row) => row.publishedAt === null);
  }

  async publishOldest(
    limit: number,
    publish: (records: OutboxRecord[]) => Promise<void>,
  ): Promise<number | null> {
    this.passes += 1;
    if (this.lockedByAnotherRelay) {
      return null;
    }
    const batch = this.unpublished.slice(0, limit);
    if (batch.length === 0) {
      return 0;
    }
    await publish(batch.map(({ publishedAt: _publishedAt, ...record }) => record));
    for (const row of batch) {
      row.publishedAt = new Date();
    }
    return batch.length;
  }

  async deletePublishedBefore(cutoff: Date, limit: number): Promise<number> {
    const expired = this.rows
      .filter((row) => row.publishedAt !== null && row.publishedAt < cutoff)
      .slice(0, limit);
    for (const row of expired) {
      this.rows.splice(this.rows.indexOf(row), 1);
    }
    return expired.length;
  }
}

/** Kafka double: refuses the first `failures` sends (or hangs them) and while `down`; records what it acknowledged. */
class FlakyPublisher implements OutboxPublisher {
  readonly acknowledged: Array<{ topic: string } & OutgoingMessage> = [];
  /** Completes the hung sends (as the producer would once Kafka is back); they acknowledge nothing here. */
  readonly hung: Array<() => void> = [];
  attempts = 0;
  rejected = 0;
  down = false;

  constructor(
    private failures = 0,
    private readonly mode: 'reject' | 'hang' = 'reject',
  ) {}

  async sendMany(batches: Array<{ topic: string; messages: OutgoingMessage[] }>): Promise<void> {
    this.attempts += 1;
    if (this.down) {
      return this.reject();
    }
    if (this.failures > 0) {
      this.failures -= 1;
      if (this.mode === 'hang') {
        return new Promise<void>((resolve) => this.hung.push(resolve));
      }
      return this.reject();
    }
    for (const { topic, messages } of batches) {
      for (const message of messages) {
        this.acknowledged.push({ topic, ...message });
      }
    }
  }

  private reject(): never {
    this.rejected += 1;
    throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:19092');
  }

  get keys(): Array<string | null> {
    return this.acknowledged.map((message) => message.key);
  }
}

const fast: OutboxRelayOptions = {
  ...DEFAULT_OUTBOX_RELAY_OPTIONS,
  pollIntervalMs: 10,
  batchSize: 3,
  minBackoffMs: 5,
  maxBackoffMs: 20,
  sendTimeoutMs: 200,
};

describe(OutboxRelay.name, () => {
  let relay: OutboxRelay | null = null;
  let metrics: OutboxMetrics;
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    await relay?.stop();
    relay = null;
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  function start(
    store: OutboxStore,
    publisher: OutboxPublisher,
    options: Partial<OutboxRelayOptions> = {},
  ): OutboxRelay {
    metrics = new OutboxMetrics(new Registry());
    relay = new OutboxRelay(store, publisher, { ...fast, ...options }, metrics);
    relay.start();
    return relay;
  }

  it('publishes every row in id order, across batches, and marks them published', async () => {
    const store = new InMemoryOutboxStore();
    for (let index = 1; index <= 10; index += 1) {
      store.add(`wh_${index}`, { version: index });
    }
    const publisher = new FlakyPublisher();
    start(store, publisher);
    await eventually(() => expect(store.unpublished).toEqual([]));
    expect(publisher.keys).toEqual(Array.from({ length: 10 }, (_, index) => `wh_${index + 1}`));
  });

  it('keeps the rows while Kafka refuses, then publishes them all in order, once each', async () => {
    const store = new InMemoryOutboxStore();
    store.add('wh_a', { version: 1 });
    store.add('wh_b', { version: 1 });
    store.add('wh_a', { version: 2 });
    store.add('wh_a', null);
    const publisher = new FlakyPublisher();
    publisher.down = true;
    start(store, publisher);

    await eventually(() => expect(publisher.attempts).toBeGreaterThanOrEqual(4));
    expect(publisher.acknowledged).toEqual([]);
    expect(store.unpublished).toHaveLength(4);
    const failing = await metrics.consecutiveFailures.get();
    expect(failing.values[0].value).toBeGreaterThanOrEqual(4);
    store.add('wh_b', { version: 2 });
    publisher.down = false;

    await eventually(() => expect(store.unpublished).toEqual([]));
    expect(publisher.acknowledged.map(({ key, value }) => [key, value])).toEqual([
      ['wh_a', { version: 1 }],
      ['wh_b', { version: 1 }],
      ['wh_a', { version: 2 }],
      ['wh_a', null],
      ['wh_b', { version: 2 }],
    ]);
    expect(publisher.attempts).toBeGreaterThanOrEqual(5);
    expect((await metrics.published.get()).values[0].value).toBe(5);
    expect((await metrics.publishFailures.get()).values[0].value).toBe(publisher.rejected);
    expect((await metrics.consecutiveFailures.get()).values[0].value).toBe(0);
  });

  it('logs an outage once, not once per retry, and logs the recovery', async () => {
    const store = new InMemoryOutboxStore();
    store.add('wh_a', { version: 1 });
    const publisher = new FlakyPublisher(5);
    start(store, publisher);
    await eventually(() => expect(store.unpublished).toEqual([]));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('ECONNREFUSED');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('5 failed attempts'));
  });

  it('treats a send that times out as failed, and sends again only once that send has settled', async () => {
    const store = new InMemoryOutboxStore();
    store.add('wh_a', { version: 1 });
    const publisher = new FlakyPublisher(1, 'hang');
    start(store, publisher, { sendTimeoutMs: 30 });
    await eventually(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(warn.mock.calls[0][0]).toContain('did not answer within 30 ms');
    await eventually(() => expect(store.passes).toBeGreaterThanOrEqual(4));
    expect(publisher.attempts).toBe(1);
    expect(store.unpublished).toHaveLength(1);

    publisher.hung.forEach((complete) => complete());
    await eventually(() => expect(store.unpublished).toEqual([]));
    expect(publisher.attempts).toBe(2);
  });

  it('gives up on a send stuck for longer than abandonSendAfterMs', async () => {
    const store = new InMemoryOutboxStore();
    store.add('wh_a', { version: 1 });
    const publisher = new FlakyPublisher(1, 'hang');
    start(store, publisher, { sendTimeoutMs: 20, abandonSendAfterMs: 50 });
    await eventually(() => expect(store.unpublished).toEqual([]));
    expect(publisher.attempts).toBe(2);
  });

  it('publishes nothing while another relay holds the lock, and takes over when it is released', async () => {
    const store = new InMemoryOutboxStore();
    store.lockedByAnotherRelay = true;
    store.add('wh_a', { version: 1 });
    const publisher = new FlakyPublisher();
    const running = start(store, publisher);
    await eventually(() => expect(running.isRunning).toBe(true));
    expect(publisher.attempts).toBe(0);
    store.lockedByAnotherRelay = false;
    await eventually(() => expect(store.unpublished).toEqual([]));
  });

  it('wakes on wake() long before the poll interval', async () => {
    const store = new InMemoryOutboxStore();
    const publisher = new FlakyPublisher();
    const running = start(store, publisher, { pollIntervalMs: 60_000 });
    await eventually(() => expect(running.isRunning).toBe(true));
    store.add('wh_a', { version: 1 });
    running.wake();
    await eventually(() => expect(publisher.keys).toEqual(['wh_a']), { timeoutMs: 1_000 });
  });

  it('does not let wake() cut a backoff short', async () => {
    jest.useFakeTimers();
    const store = new InMemoryOutboxStore();
    store.add('wh_a', { version: 1 });
    const publisher = new FlakyPublisher(Number.POSITIVE_INFINITY);
    const running = start(store, publisher, { minBackoffMs: 1_000, maxBackoffMs: 1_000 });
    await jest.advanceTimersByTimeAsync(0);
    expect(publisher.attempts).toBe(1);
    for (let index = 0; index < 20; index += 1) {
      running.wake();
    }
    await jest.advanceTimersByTimeAsync(500);
    expect(publisher.attempts).toBe(1);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(publisher.attempts).toBe(2);
  });

  it('stops promptly, even in the middle of a backoff', async () => {
    const store = new InMemoryOutboxStore();
    store.add('wh_a', { version: 1 });
    const publisher = new FlakyPublisher(Number.POSITIVE_INFINITY);
    const running = start(store, publisher, { minBackoffMs: 60_000, maxBackoffMs: 60_000 });
    await eventually(() => expect(publisher.attempts).toBe(1));
    const startedAt = Date.now();
    await running.stop();
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(running.isRunning).toBe(false);
  });

  it('deletes published rows past the retention, and keeps the rest', async () => {
    const store = new InMemoryOutboxStore();
    store.add('wh_old', { version: 1 });
    store.add('wh_new', { version: 1 });
    store.rows[0].publishedAt = new Date(Date.now() - 2 * 3_600_000);
    const publisher = new FlakyPublisher();
    start(store, publisher, { retentionMs: 3_600_000, purgeIntervalMs: 0 });
    await eventually(() => expect(store.rows.map((row) => row.key)).toEqual(['wh_new']));
    expect(store.rows[0].publishedAt).not.toBeNull();
  });
});
