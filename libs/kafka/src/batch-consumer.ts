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
  maxBytesPerPartition?: number;
  sessionTimeoutMs?: number;
  /** Resolve only when every message of the batch is handled durably: offsets are committed then. */
  handleBatch: (batch: ConsumedBatch) => Promise<void>;
}

/**
 * At-least-once consumer: a batch's offsets are committed only after `handleBatch` resolved.
 * A handler that throws makes kafkajs restart the consumer and re-read from the last commit.
 */
export class KafkaBatchConsumer {
  private readonly consumer: Consumer;
  private running = false;
  private joinedGroup = false;

  constructor(
    kafka: Kafka,
    private readonly options: BatchConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 100,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 1_048_576,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5_000 },
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** True once the group has assigned partitions: from then on nothing new is skipped. */
  get hasJoined(): boolean {
    return this.joinedGroup;
  }

  async start(): Promise<void> {
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.joinedGroup = true;
    });
    this.consumer.on(this.consumer.events.CRASH, () => {
      this.joinedGroup = false;
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning ?? false,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, isRunning, isStale }) => {
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
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.consumer.disconnect();
  }
}
