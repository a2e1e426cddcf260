import { encodeJson } from './codec';
import { encodedSize } from './produce-request';
import type { KafkaPublisher, OutgoingMessage } from './publisher';

export interface TopicBatch {
  topic: string;
  messages: OutgoingMessage[];
}

export interface OutputSinkOptions {
  /** Messages per produce request; one `publish` larger than this still goes out whole. */
  maxMessagesPerRequest?: number;
  /**
   * Bytes (keys, values, headers) per produce request, so that coalesced publishes stay under the
   * broker's `message.max.bytes`; one `publish` larger than this still goes out whole, alone.
   */
  maxBytesPerRequest?: number;
}

interface Pending {
  batches: TopicBatch[];
  messageCount: number;
  byteCount: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit in front of the idempotent producer, which has one produce request in flight per
 * broker: what concurrent callers publish while a request is in flight goes out together in the
 * next `sendMany`. A `publish` resolves once the request holding its messages was acknowledged
 * (`acks: -1`) and rejects, with every other `publish` of that request and only those, if it failed.
 * Requests are sent one after another, so the order of `publish` calls is the order on every
 * partition, and the messages of one `publish` always travel in the same request.
 */
export class OutputSink {
  private queue: Pending[] = [];
  private flushing = false;
  private readonly maxMessagesPerRequest: number;
  private readonly maxBytesPerRequest: number;

  constructor(
    private readonly publisher: Pick<KafkaPublisher, 'sendMany'>,
    options: OutputSinkOptions = {},
  ) {
    this.maxMessagesPerRequest = options.maxMessagesPerRequest ?? 500;
    this.maxBytesPerRequest = options.maxBytesPerRequest ?? Number.POSITIVE_INFINITY;
  }

  publish(batches: readonly TopicBatch[]): Promise<void> {
    let nonEmpty: TopicBatch[];
    try {
      nonEmpty = batches.filter((batch) => batch.messages.length > 0).map(encodeBatch);
    } catch (error) {
      // A value JSON cannot encode fails its own publish, not the request it would have shared.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (nonEmpty.length === 0) {
      return Promise.resolve();
    }
    let messageCount = 0;
    let byteCount = 0;
    for (const batch of nonEmpty) {
      messageCount += batch.messages.length;
      for (const message of batch.messages) {
        byteCount += encodedSize(message);
      }
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ batches: nonEmpty, messageCount, byteCount, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const taken = this.takeRequest();
      try {
        await this.publisher.sendMany(merge(taken));
        for (const pending of taken) {
          pending.resolve();
        }
      } catch (error) {
        for (const pending of taken) {
          pending.reject(error);
        }
      }
    }
    this.flushing = false;
  }

  private takeRequest(): Pending[] {
    let messageCount = 0;
    let byteCount = 0;
    let index = 0;
    while (index < this.queue.length) {
      const next = this.queue[index];
      const isFull =
        messageCount + next.messageCount > this.maxMessagesPerRequest ||
        byteCount + next.byteCount > this.maxBytesPerRequest;
      if (index > 0 && isFull) {
        break;
      }
      messageCount += next.messageCount;
      byteCount += next.byteCount;
      index += 1;
    }
    return this.queue.splice(0, index);
  }
}

/** Encodes values once, here, so their size is known; the publisher sends Buffers as they are. */
function encodeBatch(batch: TopicBatch): TopicBatch {
  return {
    topic: batch.topic,
    messages: batch.messages.map((message) =>
      message.value === null || Buffer.isBuffer(message.value)
        ? message
        : { ...message, value: encodeJson(message.value) },
    ),
  };
}

function merge(pending: readonly Pending[]): TopicBatch[] {
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (const { batches } of pending) {
    for (const batch of batches) {
      const messages = byTopic.get(batch.topic);
      if (messages) {
        messages.push(...batch.messages);
      } else {
        byTopic.set(batch.topic, [...batch.messages]);
      }
    }
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
