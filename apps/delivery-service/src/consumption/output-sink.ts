import type { KafkaPublisher, OutgoingMessage } from '@hookline/kafka';

export interface TopicBatch {
  topic: string;
  messages: OutgoingMessage[];
}

interface Pending {
  batches: TopicBatch[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Everything one step of a delivery writes (its attempt event, next retry task, signals, operational
 * events) is handed over together and goes out in one `sendMany`; concurrent steps are coalesced into
 * the same request. Requests are sent one after another, so the order of `publish` calls is the order
 * on every partition (the ordered lane relies on it).
 */
export class OutputSink {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly publisher: Pick<KafkaPublisher, 'sendMany'>,
    private readonly maxMessagesPerRequest = 500,
  ) {}

  publish(batches: readonly TopicBatch[]): Promise<void> {
    const nonEmpty = batches.filter((batch) => batch.messages.length > 0);
    if (nonEmpty.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ batches: nonEmpty, resolve, reject });
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
        for (const pending of taken) pending.resolve();
      } catch (error) {
        for (const pending of taken) pending.reject(error);
      }
    }
    this.flushing = false;
  }

  private takeRequest(): Pending[] {
    let count = 0;
    let index = 0;
    while (index < this.queue.length) {
      const size = this.queue[index].batches.reduce((sum, batch) => sum + batch.messages.length, 0);
      if (index > 0 && count + size > this.maxMessagesPerRequest) break;
      count += size;
      index += 1;
    }
    return this.queue.splice(0, index);
  }
}

function merge(pending: readonly Pending[]): TopicBatch[] {
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (const { batches } of pending) {
    for (const batch of batches) {
      const messages = byTopic.get(batch.topic);
      if (messages) messages.push(...batch.messages);
      else byTopic.set(batch.topic, [...batch.messages]);
    }
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
