// The bench's own Kafka client: direct producing (raw load, the max scenario, synthetic attempts) and group lag.
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

export class BenchKafka {
  constructor(brokers) {
    this.kafka = new Kafka({
      clientId: 'hookline-bench',
      brokers: brokers.split(','),
      logLevel: logLevel.ERROR,
    });
    this.admin = this.kafka.admin();
    // Same settings as the services' KafkaPublisher: idempotent, acks -1, at most 5 requests in flight.
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      allowAutoTopicCreation: false,
    });
  }

  async connect() {
    await Promise.all([this.admin.connect(), this.producer.connect()]);
  }

  async disconnect() {
    await Promise.allSettled([this.admin.disconnect(), this.producer.disconnect()]);
  }

  send(topic, messages) {
    return this.producer.send({ topic, acks: -1, messages });
  }

  /**
   * Group commit: sends from concurrent callers that arrive while a produce request is in flight go out
   * together in the next one. kafkajs' idempotent producer sends one request per broker at a time, so
   * this is how concurrent single-event producers keep idempotence and still fill the pipe.
   */
  coalescing(topic) {
    const queue = [];
    let flushing = false;
    const flush = async () => {
      flushing = true;
      while (queue.length > 0) {
        const waiting = queue.splice(0);
        try {
          await this.send(
            topic,
            waiting.flatMap((entry) => entry.messages),
          );
          for (const entry of waiting) {
            entry.resolve();
          }
        } catch (error) {
          for (const entry of waiting) {
            entry.reject(error);
          }
        }
      }
      flushing = false;
    };
    return (messages) =>
      new Promise((resolve, reject) => {
        queue.push({ messages, resolve, reject });
        if (!flushing) {
          void flush();
        }
      });
  }

  /** Sends `messages` in chunks of `chunkSize` with `concurrency` requests at once; `onAck(chunk)` per ack. */
  async sendAll(topic, messages, { chunkSize = 500, concurrency = 4, onAck = () => {} } = {}) {
    const chunks = [];
    for (let index = 0; index < messages.length; index += chunkSize) {
      chunks.push(messages.slice(index, index + chunkSize));
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, chunks.length) }, async () => {
        while (next < chunks.length) {
          const chunk = chunks[next++];
          await this.send(topic, chunk);
          onAck(chunk);
        }
      }),
    );
  }

  /** Messages not yet committed by `groupId` on `topic` (a partition without a commit counts from its start). */
  async lag(groupId, topic) {
    const [ends, [committed]] = await Promise.all([
      this.admin.fetchTopicOffsets(topic),
      this.admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const byPartition = new Map(committed.partitions.map((entry) => [entry.partition, BigInt(entry.offset)]));
    let lag = 0n;
    for (const end of ends) {
      const done = byPartition.get(end.partition) ?? -1n;
      const start = done < 0n ? BigInt(end.low) : done;
      lag += BigInt(end.high) - start;
    }
    return Number(lag);
  }

  /**
   * Gives `groupId` a committed offset at the current end of every partition of `topic` that has none, so a
   * stopped consumer that starts from "latest" resumes there instead of skipping what is produced meanwhile.
   * The group must have no running members.
   */
  async pinUncommittedPartitions(groupId, topic) {
    const [ends, [committed]] = await Promise.all([
      this.admin.fetchTopicOffsets(topic),
      this.admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const known = new Map(committed.partitions.map((entry) => [entry.partition, entry.offset]));
    const partitions = ends
      .filter((end) => (known.get(end.partition) ?? '-1') === '-1')
      .map((end) => ({ partition: end.partition, offset: end.high }));
    if (partitions.length > 0) {
      await this.admin.setOffsets({ groupId, topic, partitions });
    }
    return partitions.length;
  }

  /** The first message of `topic` that `accept(value)` likes, read with a throwaway group; null after `timeoutMs`. */
  async findMessage(topic, accept, timeoutMs = 10_000) {
    const groupId = `hookline-bench-peek-${Date.now()}`;
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    let found = null;
    let resolveFound;
    const done = new Promise((resolve) => (resolveFound = resolve));
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          if (found) {
            return;
          }
          const value = JSON.parse(message.value.toString());
          if (accept(value)) {
            found = value;
            resolveFound();
          }
        },
      });
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
    } finally {
      await consumer.disconnect();
      await this.admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return found;
  }
}
