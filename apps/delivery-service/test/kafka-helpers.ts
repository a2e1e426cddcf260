import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { readHeaders, type HeaderMap } from '@hookline/kafka';

export interface ConsumedMessageOptions {
  key: string;
  offset?: number;
  headers?: Record<string, string>;
}

/** A message as a consumer reads it: `value` as JSON, a string as it is (null: a tombstone). */
export function consumedMessage(
  value: unknown,
  { key, offset = 0, headers = {} }: ConsumedMessageOptions,
): KafkaMessage {
  return {
    key: Buffer.from(key),
    value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    offset: String(offset),
    timestamp: '0',
    attributes: 0,
    headers: Object.fromEntries(Object.entries(headers).map(([name, text]) => [name, Buffer.from(text)])),
  };
}

/**
 * Commits the current end offsets of `topics` for a group that has not consumed yet, so its
 * consumer starts exactly there: nothing produced afterwards is missed, nothing older is read.
 * (A short-lived member commits them; `admin.setOffsets` costs ~5 s per topic.)
 */
export async function pinGroupToEnd(kafka: Kafka, groupId: string, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
  await admin.connect();
  try {
    const ends = await Promise.all(
      topics.map(async (topic) =>
        (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({
          topic,
          partition,
          offset: high,
        })),
      ),
    );
    await consumer.connect();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.subscribe({ topics: [...topics] });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    await joined;
    await consumer.commitOffsets(ends.flat());
  } finally {
    await consumer.disconnect();
    await admin.disconnect();
  }
}

export interface CollectedMessage {
  key: string | null;
  value: string | null;
  headers: HeaderMap;
}

/** Records every message written to `topic` from now on (the group is pinned to the end first). */
export class TopicCollector {
  readonly messages: CollectedMessage[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka, topic: string, groupId: string): Promise<TopicCollector> {
    await pinGroupToEnd(kafka, groupId, [topic]);
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
    const collector = new TopicCollector(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        collector.messages.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: readHeaders(message.headers),
        });
      },
    });
    return collector;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
