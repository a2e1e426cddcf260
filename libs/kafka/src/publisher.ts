import { CompressionTypes, type Kafka, type Producer, type RecordMetadata } from 'kafkajs';
import { encodeJson, type HeaderMap } from './codec';
import { DEFAULT_MAX_PRODUCE_REQUEST_BYTES, chunkBySize, encodedSize } from './produce-request';

export interface OutgoingMessage {
  key: string | null;
  /** Serialised as JSON; `null` is a tombstone. A Buffer is sent as is. */
  value: unknown;
  headers?: HeaderMap;
}

/** Half of what a default broker accepts: sizes count keys, values and headers, not Kafka's framing. */
const SEND_REQUEST_BYTES = DEFAULT_MAX_PRODUCE_REQUEST_BYTES / 2;

/**
 * Idempotent producer that waits for all in-sync replicas (`acks: -1`): a send that resolves
 * is durable, so callers may acknowledge or commit after it.
 */
export class KafkaPublisher {
  private readonly producer: Producer;
  private connected = false;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      allowAutoTopicCreation: false,
    });
  }

  async connect(): Promise<void> {
    if (this.connected) {
      return;
    }
    await this.producer.connect();
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    if (!this.connected) {
      return;
    }
    this.connected = false;
    await this.producer.disconnect();
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /**
   * Sends in requests of at most SEND_REQUEST_BYTES, one after another (a larger message alone):
   * the broker refuses a request over its `message.max.bytes` whole, at every retry, so a caller
   * with many messages (dead letters, redelivery commands) would never get any of them out.
   */
  async send(topic: string, messages: OutgoingMessage[]): Promise<RecordMetadata[]> {
    const sent: RecordMetadata[] = [];
    for (const chunk of chunkBySize(messages.map(toKafkaMessage), encodedSize, SEND_REQUEST_BYTES)) {
      sent.push(
        ...(await this.producer.send({
          topic,
          acks: -1,
          compression: CompressionTypes.None,
          messages: chunk,
        })),
      );
    }
    return sent;
  }

  /** One request for messages bound to several topics. */
  async sendMany(batches: Array<{ topic: string; messages: OutgoingMessage[] }>): Promise<void> {
    const topicMessages = batches
      .filter((batch) => batch.messages.length > 0)
      .map((batch) => ({ topic: batch.topic, messages: batch.messages.map(toKafkaMessage) }));
    if (topicMessages.length === 0) {
      return;
    }
    await this.producer.sendBatch({ acks: -1, compression: CompressionTypes.None, topicMessages });
  }
}

function toKafkaMessage(message: OutgoingMessage) {
  const value =
    message.value === null
      ? null
      : Buffer.isBuffer(message.value)
        ? message.value
        : encodeJson(message.value);
  return { key: message.key, value, headers: message.headers };
}
