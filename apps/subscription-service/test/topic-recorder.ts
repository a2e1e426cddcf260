import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';

export interface RecordedMessage {
  key: string | null;
  /** Parsed JSON, the text when it is not JSON (e.g. on the DLQ), or null for a tombstone. */
  value: unknown;
  headers: Record<string, string>;
}

/** Reads a topic from the beginning with a group of its own and keeps every message, for assertions. */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private readonly consumer: Consumer;

  private constructor(kafka: Kafka, groupId: string) {
    this.consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
  }

  static async start(kafka: Kafka, topic: string, groupPrefix: string): Promise<TopicRecorder> {
    const recorder = new TopicRecorder(kafka, `${groupPrefix}-${randomUUID()}`);
    await recorder.consumer.connect();
    await recorder.consumer.subscribe({ topics: [topic], fromBeginning: true });
    await recorder.consumer.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          if (value !== undefined) {
            headers[name] = value.toString();
          }
        }
        recorder.messages.push({
          key: message.key?.toString() ?? null,
          value: message.value === null ? null : parseOrText(message.value.toString('utf8')),
          headers,
        });
      },
    });
    return recorder;
  }

  keyed(key: string): RecordedMessage[] {
    return this.messages.filter((message) => message.key === key);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

// A value that throws here would stop the recorder at that message for good.
function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
