import type { Batch, Consumer, Kafka, KafkaMessage, Offsets } from 'kafkajs';
import type { DeadLetter } from './dlq';
import { CrashRecovery, createGroupConsumer } from './group-consumer';

export interface ConsumedBatch {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
  /** Keeps the group membership alive during long work. */
  heartbeat(): Promise<void>;
  isRunning(): boolean;
}

export interface BatchConsumerOptions {
  groupId: string;
  topics: Array<string | RegExp>;
  fromBeginning?: boolean;
  /** Partitions handled at once; each partition's batches stay sequential. */
  partitionsConsumedConcurrently?: number;
  maxWaitTimeInMs?: number;
  /** Bytes a fetch waits for, at most `maxWaitTimeInMs`: fewer, larger batches while a topic trickles. */
  minBytes?: number;
  maxBytesPerPartition?: number;
  sessionTimeoutMs?: number;
  /** Resolve only when every message of the batch is handled durably: offsets are committed then. */
  handleBatch: (batch: ConsumedBatch) => Promise<void>;
  /**
   * Without it, a batch that fails is read again until it succeeds. With it, a batch that fails
   * with a permanent error is split to find the messages that fail alone; those are parked and
   * the rest is handled, so one message cannot stall its partition.
   */
  poison?: PoisonHandling;
  /** Told when kafkajs gave up on the consumer; it is restarted after `restartDelayMs`. */
  onCrash?: (error: Error) => void;
  restartDelayMs?: number;
}

export interface PoisonHandling {
  /** True for an error the same messages meet on every try (bad data); false for an outage. */
  isPermanent(error: unknown): boolean;
  /** Parks messages that failed alone (e.g. on the DLQ); the partition then moves past them. */
  park(letters: DeadLetter[]): Promise<void>;
  /** Names the consumer in the dead letters. */
  consumer: string;
}

/** A run of failed batches of one partition (or crashes of the consumer), with no success since it began. */
export interface FailureStreak {
  since: number;
  failures: number;
  lastError: string;
}

/**
 * At-least-once consumer: a batch's offsets are committed only after `handleBatch` resolved.
 * A handler that throws makes kafkajs re-read the batch from the last commit. A crash kafkajs
 * does not recover from itself (a non-retriable error) is recovered here with a fresh consumer.
 */
export class KafkaBatchConsumer {
  private consumer: Consumer | null = null;
  private running = false;
  private joinedGroup = false;
  private readonly recovery: CrashRecovery;
  /** Keyed by `topic:partition`, or `consumer` for crashes. */
  private readonly streaks = new Map<string, FailureStreak>();

  constructor(
    private readonly kafka: Kafka,
    private readonly options: BatchConsumerOptions,
  ) {
    this.recovery = new CrashRecovery({
      delayMs: options.restartDelayMs ?? 1_000,
      isActive: () => this.running,
      current: () => this.consumer,
      start: () => this.start(),
      onRestartFailed: (error) => this.options.onCrash?.(error),
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** True once the group has assigned partitions: from then on nothing new is skipped. */
  get hasJoined(): boolean {
    return this.joinedGroup;
  }

  /**
   * The oldest run of failures still going on: a partition whose batches keep failing, however
   * well the others do. Readiness and metrics read it.
   */
  get failureStreak(): FailureStreak | null {
    let oldest: FailureStreak | null = null;
    for (const streak of this.streaks.values()) {
      if (oldest === null || streak.since < oldest.since) {
        oldest = streak;
      }
    }
    return oldest;
  }

  async start(): Promise<void> {
    this.running = true;
    const consumer = this.createConsumer();
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning ?? false,
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: async ({
        batch,
        resolveOffset,
        commitOffsetsIfNecessary,
        heartbeat,
        isRunning,
        isStale,
      }) => {
        // A stale batch belongs to a partition being revoked: its new owner reads it from the last commit.
        if (batch.messages.length === 0 || !isRunning() || isStale()) {
          return;
        }
        try {
          await this.handleIsolatingPoison({
            topic: batch.topic,
            partition: batch.partition,
            messages: batch.messages,
            heartbeat,
            isRunning,
          });
        } catch (error) {
          this.recordFailure(`${batch.topic}:${batch.partition}`, error);
          throw error;
        }
        this.streaks.delete(`${batch.topic}:${batch.partition}`);
        this.streaks.delete(CRASHES);
        resolveOffset(batch.lastOffset());
        await commitOffsetsIfNecessary(offsetsAfter(batch));
      },
    });
  }

  /**
   * Halving finds k poisoned messages of n in about 2·k·log2(n) tries. The handler must be
   * idempotent per message, as at-least-once already asks: a half handled before a crash is
   * handled again.
   */
  private async handleIsolatingPoison(batch: ConsumedBatch): Promise<void> {
    const { poison } = this.options;
    try {
      await this.options.handleBatch(batch);
    } catch (error) {
      if (!poison?.isPermanent(error)) {
        throw error;
      }
      const [message] = batch.messages;
      if (batch.messages.length === 1) {
        await poison.park([
          {
            sourceTopic: batch.topic,
            partition: batch.partition,
            message,
            reason: `could not be handled: ${describe(error)}`,
            consumer: poison.consumer,
          },
        ]);
        return;
      }
      const middle = Math.ceil(batch.messages.length / 2);
      await this.handleIsolatingPoison({ ...batch, messages: batch.messages.slice(0, middle) });
      await batch.heartbeat();
      await this.handleIsolatingPoison({ ...batch, messages: batch.messages.slice(middle) });
    }
  }

  private recordFailure(key: string, error: unknown): void {
    const streak = this.streaks.get(key);
    this.streaks.set(key, {
      since: streak?.since ?? Date.now(),
      failures: (streak?.failures ?? 0) + 1,
      lastError: describe(error),
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.recovery.cancel();
    await this.consumer?.disconnect();
  }

  private createConsumer(): Consumer {
    const consumer = createGroupConsumer(this.kafka, {
      groupId: this.options.groupId,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs,
      minBytes: this.options.minBytes ?? 1,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 1_048_576,
      sessionTimeoutMs: this.options.sessionTimeoutMs,
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joinedGroup = true;
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.joinedGroup = false;
      this.recordFailure(CRASHES, payload.error);
      if (payload.restart || !this.running) {
        return;
      }
      this.options.onCrash?.(payload.error);
      this.recovery.schedule(consumer);
    });
    return consumer;
  }
}

const CRASHES = 'consumer';

/** The commit that marks all of `batch` done: its partition resumes after the last message. */
function offsetsAfter(batch: Batch): Offsets {
  const offset = (BigInt(batch.lastOffset()) + 1n).toString();
  return { topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset }] }] };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
