import type { Admin, Consumer, Kafka } from 'kafkajs';
import type {
  BatchHandling,
  IncomingBatch,
  TopicPartition,
  TrackedConsumerOptions,
} from './tracked-consumer.options';
import { CrashRecovery, createGroupConsumer } from './group-consumer';
import { PartitionProgress } from './partition-progress';
import { uncommittedStartOffsets } from './start-offsets';

export type {
  BatchHandling,
  ConsumerLog,
  IncomingBatch,
  TopicPartition,
  TrackedConsumerOptions,
} from './tracked-consumer.options';

interface PartitionState {
  key: string;
  topic: string;
  partition: number;
  progress: PartitionProgress;
  failures: number;
  lastCommitted: string | null;
  backpressured: boolean;
  resumeTimer: NodeJS.Timeout | null;
  backoffTimer: NodeJS.Timeout | null;
}

const FAILURE_BACKOFF_MS = { initial: 500, max: 30_000 };
const RESTART_DELAY_MS = 1_000;

/**
 * At-least-once consumer whose batches do not wait for their work. `handleBatch` starts the work of
 * each message and returns at once, so one slow message (a hanging endpoint, a retry not yet due)
 * never holds up the fetch loop of the other partitions. Offsets are committed per partition up to
 * the first unfinished message. A partition whose handler asks to wait is paused and read again
 * later; one with too much unfinished work is paused until it drains (backpressure).
 *
 * `KafkaBatchConsumer` is the simpler mode for handlers that finish a batch before taking the next
 * (a Postgres transaction per batch); both build their kafkajs consumer and recover its crashes with
 * the same pieces (group-consumer.ts).
 */
export class TrackedConsumer {
  private consumer: Consumer | null = null;
  private admin: Admin | null = null;
  private running = false;
  private stopping = false;
  private generation = 0;
  private readyForGeneration = -1;
  private assignment: TopicPartition[] = [];
  private readonly partitions = new Map<string, PartitionState>();
  private readonly work = new Set<Promise<unknown>>();
  private commitTimer: NodeJS.Timeout | null = null;
  private committing = false;
  private readonly recovery: CrashRecovery;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: TrackedConsumerOptions,
  ) {
    this.recovery = new CrashRecovery({
      delayMs: RESTART_DELAY_MS,
      isActive: () => this.running && !this.stopping,
      current: () => this.consumer,
      start: () => this.start(),
      onRestartFailed: (error) =>
        this.options.log.error(`Restarting the consumer of ${this.options.groupId} failed: ${error.message}`),
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Joined its group and pinned the start of every assigned partition: nothing produced from now on is skipped. */
  get isReady(): boolean {
    return this.running && this.readyForGeneration === this.generation;
  }

  get inFlight(): number {
    let count = 0;
    for (const state of this.partitions.values()) {
      count += state.progress.inFlight;
    }
    return count;
  }

  async start(): Promise<void> {
    this.running = true;
    this.stopping = false;
    this.admin ??= this.kafka.admin();
    await this.admin.connect();
    const consumer = this.createConsumer();
    this.consumer = consumer;
    await consumer.connect();
    // Always "earliest" for kafkajs; a `latest` start is pinned explicitly at join (see pinStartOffsets).
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: async ({ batch, resolveOffset, isRunning, isStale }) => {
        if (batch.messages.length === 0 || !isRunning() || isStale() || this.stopping) {
          return;
        }
        if (!this.isReady || this.consumer !== consumer) {
          return;
        }
        await this.onBatch(
          { topic: batch.topic, partition: batch.partition, messages: batch.messages },
          batch.lastOffset(),
          resolveOffset,
        );
      },
    });
  }

  /** Stops fetching, gives running work up to `drainMs` to finish, commits what finished, disconnects. */
  async stop(drainMs = 5_000): Promise<void> {
    if (!this.running) {
      return;
    }
    this.stopping = true;
    this.recovery.cancel();
    this.pauseAssigned();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.work]),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs))),
    ]);
    clearTimeout(timer);
    await this.commitNow();
    this.running = false;
    this.resetAll();
    await this.consumer?.disconnect();
    await this.admin?.disconnect();
    this.admin = null;
  }

  private createConsumer(): Consumer {
    const consumer = createGroupConsumer(this.kafka, {
      groupId: this.options.groupId,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs,
      sessionTimeoutMs: this.options.sessionTimeoutMs,
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      if (this.consumer !== consumer) {
        return;
      }
      this.onJoin(payload.memberAssignment);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (this.consumer !== consumer) {
        return;
      }
      this.generation += 1;
      this.resetAll();
      if (payload.restart || !this.running || this.stopping) {
        return;
      }
      this.options.log.error(
        `Consumer of ${this.options.groupId} crashed, restarting it: ${payload.error.message}`,
      );
      this.recovery.schedule(consumer);
    });
    return consumer;
  }

  private onJoin(memberAssignment: Record<string, number[]>): void {
    this.generation += 1;
    const generation = this.generation;
    this.resetAll();
    this.assignment = Object.entries(memberAssignment).flatMap(([topic, partitions]) =>
      partitions.map((partition) => ({ topic, partition })),
    );
    // Nothing is fetched until every partition's start is pinned and committed.
    this.pauseAssigned();
    void this.pinStartOffsets(generation);
  }

  /**
   * A partition the group never committed would start at kafkajs' default and, after a crash before
   * its first commit, at a different place again (`latest` would skip what came in between). So its
   * start is chosen here, committed, and sought to, before the partition is read.
   */
  private async pinStartOffsets(generation: number): Promise<void> {
    try {
      const admin = this.admin;
      const consumer = this.consumer;
      if (!admin || !consumer) {
        return;
      }
      const pins = await uncommittedStartOffsets(
        admin,
        this.options.groupId,
        this.assignment,
        this.options.startFrom,
      );
      if (generation !== this.generation) {
        return;
      }
      if (pins.length > 0) {
        await consumer.commitOffsets(pins);
        for (const pin of pins) {
          consumer.seek(pin);
        }
      }
      if (generation !== this.generation) {
        return;
      }
      this.readyForGeneration = generation;
      this.resumeAssigned();
    } catch (error) {
      if (generation !== this.generation || this.stopping) {
        return;
      }
      this.options.log.warn(
        `Pinning the start offsets of ${this.options.groupId} failed, trying again: ${(error as Error).message}`,
      );
      setTimeout(() => void this.pinStartOffsets(generation), RESTART_DELAY_MS);
    }
  }

  private async onBatch(
    batch: IncomingBatch,
    lastOffset: string,
    resolveOffset: (offset: string) => void,
  ): Promise<void> {
    const state = this.stateFor(batch.topic, batch.partition);
    let handling: BatchHandling;
    try {
      handling = await this.options.handleBatch(batch);
    } catch (error) {
      this.fail(state, asError(error), batch.messages[0].offset);
      return;
    }
    if (this.partitions.get(state.key) !== state) {
      return;
    }
    const taken = handling.taken.slice(0, batch.messages.length);
    taken.forEach((promise, index) => {
      const { offset } = batch.messages[index];
      state.progress.take(offset);
      this.track(
        promise.then(
          () => this.finish(state, offset),
          (error: unknown) => this.fail(state, asError(error), offset),
        ),
      );
    });
    if (taken.length === batch.messages.length) {
      resolveOffset(lastOffset);
      state.progress.readUpTo((BigInt(lastOffset) + 1n).toString());
    } else {
      if (taken.length > 0) {
        resolveOffset(batch.messages[taken.length - 1].offset);
      }
      this.pauseUntil(state, handling.resumeAtMs ?? Date.now());
    }
    if (state.progress.inFlight >= this.options.maxInFlightPerPartition && !state.backpressured) {
      state.backpressured = true;
      this.applyPause(state);
    }
  }

  private finish(state: PartitionState, offset: string): void {
    if (this.partitions.get(state.key) !== state) {
      return;
    }
    state.progress.finish(offset);
    state.failures = 0;
    if (state.backpressured && state.progress.inFlight <= this.options.maxInFlightPerPartition / 2) {
      state.backpressured = false;
      this.applyPause(state);
    }
    this.scheduleCommit();
  }

  private fail(state: PartitionState, error: Error, offset: string): void {
    if (this.partitions.get(state.key) !== state) {
      return;
    }
    this.options.onHandlingError(error, { topic: state.topic, partition: state.partition, offset });
    const restartAt = state.progress.committable() ?? offset;
    this.clearTimers(state);
    const fresh = this.newState(state.topic, state.partition);
    fresh.failures = state.failures + 1;
    fresh.lastCommitted = state.lastCommitted;
    this.partitions.set(state.key, fresh);
    this.options.onPartitionsReset?.([{ topic: state.topic, partition: state.partition }]);
    this.consumer?.seek({ topic: state.topic, partition: state.partition, offset: restartAt });
    const backoffMs = Math.min(
      FAILURE_BACKOFF_MS.max,
      FAILURE_BACKOFF_MS.initial * 2 ** (fresh.failures - 1),
    );
    fresh.backoffTimer = setTimeout(() => {
      fresh.backoffTimer = null;
      this.applyPause(fresh);
    }, backoffMs);
    this.applyPause(fresh);
  }

  private pauseUntil(state: PartitionState, resumeAtMs: number): void {
    if (state.resumeTimer) {
      clearTimeout(state.resumeTimer);
    }
    state.resumeTimer = setTimeout(
      () => {
        state.resumeTimer = null;
        this.applyPause(state);
      },
      Math.max(0, resumeAtMs - Date.now()),
    );
    this.applyPause(state);
  }

  private applyPause(state: PartitionState): void {
    if (this.partitions.get(state.key) !== state || !this.consumer || this.stopping) {
      return;
    }
    const target = [{ topic: state.topic, partitions: [state.partition] }];
    if (state.backpressured || state.resumeTimer !== null || state.backoffTimer !== null) {
      this.consumer.pause(target);
    } else {
      this.consumer.resume(target);
    }
  }

  private scheduleCommit(): void {
    if (this.commitTimer) {
      return;
    }
    this.commitTimer = setTimeout(() => {
      this.commitTimer = null;
      void this.commitNow();
    }, this.options.commitIntervalMs ?? 200);
  }

  private async commitNow(): Promise<void> {
    if (this.committing) {
      this.scheduleCommit();
      return;
    }
    const pending = [...this.partitions.values()]
      .map((state) => ({ state, offset: state.progress.committable() }))
      .filter((entry): entry is { state: PartitionState; offset: string } => entry.offset !== null)
      .filter(({ state, offset }) => offset !== state.lastCommitted);
    if (pending.length === 0 || !this.consumer) {
      return;
    }
    this.committing = true;
    try {
      await this.consumer.commitOffsets(
        pending.map(({ state, offset }) => ({ topic: state.topic, partition: state.partition, offset })),
      );
      for (const { state, offset } of pending) {
        state.lastCommitted = offset;
      }
    } catch (error) {
      // Not fatal: the next commit carries a later offset; a lost partition is re-read by its new owner.
      this.options.log.warn(
        `Committing offsets of ${this.options.groupId} failed: ${(error as Error).message}`,
      );
    } finally {
      this.committing = false;
    }
  }

  private track(promise: Promise<unknown>): void {
    this.work.add(promise);
    void promise.finally(() => this.work.delete(promise));
  }

  private stateFor(topic: string, partition: number): PartitionState {
    const key = `${topic}|${partition}`;
    let state = this.partitions.get(key);
    if (!state) {
      state = this.newState(topic, partition);
      this.partitions.set(key, state);
    }
    return state;
  }

  private newState(topic: string, partition: number): PartitionState {
    return {
      key: `${topic}|${partition}`,
      topic,
      partition,
      progress: new PartitionProgress(),
      failures: 0,
      lastCommitted: null,
      backpressured: false,
      resumeTimer: null,
      backoffTimer: null,
    };
  }

  private resetAll(): void {
    for (const state of this.partitions.values()) {
      this.clearTimers(state);
    }
    this.partitions.clear();
    this.options.onPartitionsReset?.('all');
  }

  private clearTimers(state: PartitionState): void {
    if (state.resumeTimer) {
      clearTimeout(state.resumeTimer);
    }
    if (state.backoffTimer) {
      clearTimeout(state.backoffTimer);
    }
    state.resumeTimer = null;
    state.backoffTimer = null;
  }

  private pauseAssigned(): void {
    const byTopic = this.assignmentByTopic();
    if (byTopic.length > 0) {
      this.consumer?.pause(byTopic);
    }
  }

  private resumeAssigned(): void {
    const byTopic = this.assignmentByTopic();
    if (byTopic.length > 0) {
      this.consumer?.resume(byTopic);
    }
  }

  private assignmentByTopic(): Array<{ topic: string; partitions: number[] }> {
    const byTopic = new Map<string, number[]>();
    for (const { topic, partition } of this.assignment) {
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
    }
    return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
