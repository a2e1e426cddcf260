import type { KafkaMessage } from 'kafkajs';
import { KafkaHeaders, Topics } from '@hookline/contracts';
import { readHeaders } from './codec';
import type { KafkaPublisher, OutgoingMessage } from './publisher';

export interface DeadLetter {
  sourceTopic: string;
  partition: number;
  message: KafkaMessage;
  reason: string;
  consumer: string;
}

/**
 * How many bytes of dead letters go in one produce request. The broker refuses a record batch over
 * its `message.max.bytes` (1 MiB by default): a run of refused messages parked in one request would be
 * refused as a whole, again at every retry, and the consumer could never move past it.
 */
export const DLQ_REQUEST_BUDGET_BYTES = 512 * 1024;
/** Per-record framing Kafka adds around key, value and headers, rounded up. */
const RECORD_OVERHEAD_BYTES = 64;

/** Parks messages a consumer cannot handle, with the reason in headers; the partition moves on. */
export async function sendToDeadLetterQueue(publisher: KafkaPublisher, letters: DeadLetter[]): Promise<void> {
  for (const chunk of inRequests(letters.map(toDeadLetterMessage))) {
    await publisher.send(Topics.dlq, chunk);
  }
}

function toDeadLetterMessage(letter: DeadLetter): OutgoingMessage & { value: Buffer } {
  return {
    key: letter.message.key?.toString() ?? null,
    value: letter.message.value ?? Buffer.alloc(0),
    headers: {
      ...readHeaders(letter.message.headers),
      [KafkaHeaders.dlqReason]: letter.reason.slice(0, 2_000),
      [KafkaHeaders.dlqSourceTopic]: letter.sourceTopic,
      [KafkaHeaders.dlqSourcePartition]: String(letter.partition),
      [KafkaHeaders.dlqSourceOffset]: letter.message.offset,
      [KafkaHeaders.dlqConsumer]: letter.consumer,
    },
  };
}

/** The messages in order, cut into requests of at most DLQ_REQUEST_BUDGET_BYTES (a larger one alone). */
export function inRequests<T extends OutgoingMessage & { value: Buffer }>(messages: T[]): T[][] {
  const requests: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = recordBytes(message);
    if (current.length > 0 && bytes + size > DLQ_REQUEST_BUDGET_BYTES) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) {
    requests.push(current);
  }
  return requests;
}

function recordBytes(message: OutgoingMessage & { value: Buffer }): number {
  let size = RECORD_OVERHEAD_BYTES + message.value.length + Buffer.byteLength(message.key ?? '');
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(String(value));
  }
  return size;
}
