import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { createGroupConsumer } from './group-consumer';

export interface CompactedTopicReaderOptions {
  topic: string;
  /** Prefix of the throwaway consumer group; the reader always starts from offset 0. */
  groupPrefix: string;
  onRecord: (key: string, value: Buffer | null, message: KafkaMessage) => void;
}

/**
 * Materialises a compacted topic in memory: reads it from the beginning at every start and
 * follows it afterwards. `ready` resolves once the end offsets seen at start are reached.
 */
export class CompactedTopicReader {
  private readonly consumer: Consumer;
  private readonly admin: Admin;
  private readonly groupId: string;
  private pending = new Map<number, bigint>();
  private resolveReady!: () => void;
  readonly ready: Promise<void>;
  private isCaughtUp = false;

  constructor(
    kafka: Kafka,
    private readonly options: CompactedTopicReaderOptions,
  ) {
    this.groupId = `${options.groupPrefix}-${randomUUID()}`;
    // A reader that gave up would leave its table stale for good: it retries for as long as it runs.
    this.consumer = createGroupConsumer(kafka, { groupId: this.groupId, retries: Number.MAX_SAFE_INTEGER });
    this.admin = kafka.admin();
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  get caughtUp(): boolean {
    return this.isCaughtUp;
  }

  async start(): Promise<void> {
    await this.admin.connect();
    const offsets = await this.admin.fetchTopicOffsets(this.options.topic);
    for (const { partition, high, low } of offsets) {
      if (BigInt(high) > BigInt(low)) {
        this.pending.set(partition, BigInt(high));
      }
    }
    this.markIfCaughtUp();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.options.topic], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 8,
      eachMessage: async ({ partition, message }) => {
        if (message.key !== null) {
          this.options.onRecord(message.key.toString(), message.value, message);
        }
        const target = this.pending.get(partition);
        if (target !== undefined && BigInt(message.offset) + 1n >= target) {
          this.pending.delete(partition);
          this.markIfCaughtUp();
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    // The group only ever served this process; leave no trace on the broker.
    await this.admin.deleteGroups([this.groupId]).catch(() => undefined);
    await this.admin.disconnect();
  }

  private markIfCaughtUp(): void {
    if (this.pending.size === 0 && !this.isCaughtUp) {
      this.isCaughtUp = true;
      this.resolveReady();
    }
  }
}
