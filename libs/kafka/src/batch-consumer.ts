import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';

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
  /** Told when kafkajs gave up on the consumer; it is restarted after `restartDelayMs`. */
  onCrash?: (error: Error) => void;
  restartDelayMs?: number;
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
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: BatchConsumerOptions,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** True once the group has assigned partitions: from then on nothing new is skipped. */
  get hasJoined(): boolean {
    return this.joinedGroup;
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
        if (batch.messages.length === 0 || !isRunning() || isStale()) return;
        await this.options.handleBatch({
          topic: batch.topic,
          partition: batch.partition,
          messages: batch.messages,
          heartbeat,
          isRunning,
        });
        resolveOffset(batch.lastOffset());
        await commitOffsetsIfNecessary({
          topics: [
            {
              topic: batch.topic,
              partitions: [
                { partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() },
              ],
            },
          ],
        });
      },
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
  }

  private createConsumer(): Consumer {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 100,
      minBytes: this.options.minBytes ?? 1,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 1_048_576,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joinedGroup = true;
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.joinedGroup = false;
      if (payload.restart || !this.running) return;
      this.options.onCrash?.(payload.error);
      this.restartTimer = setTimeout(() => void this.restart(consumer), this.options.restartDelayMs ?? 1_000);
    });
    return consumer;
  }

  private async restart(crashed: Consumer): Promise<void> {
    this.restartTimer = null;
    if (!this.running || this.consumer !== crashed) return;
    await crashed.disconnect().catch(() => undefined);
    try {
      await this.start();
    } catch (error) {
      this.options.onCrash?.(error as Error);
      this.restartTimer = setTimeout(
        () => void this.restart(this.consumer ?? crashed),
        this.options.restartDelayMs ?? 1_000,
      );
    }
  }
}
