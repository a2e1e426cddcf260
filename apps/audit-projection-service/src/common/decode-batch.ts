import type { ConsumedBatch, DeadLetter } from '@hookline/kafka';
import type { KafkaMessage } from 'kafkajs';

export type MessageParse<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface DecodedBatch<T> {
  accepted: T[];
  deadLetters: DeadLetter[];
}

/** Splits a batch into what the consumer can handle and dead letters that say why the rest cannot. */
export function decodeBatch<T>(
  batch: ConsumedBatch,
  consumer: string,
  parse: (message: KafkaMessage) => MessageParse<T>,
): DecodedBatch<T> {
  const accepted: T[] = [];
  const deadLetters: DeadLetter[] = [];
  for (const message of batch.messages) {
    const parsed = parse(message);
    if (parsed.ok) {
      accepted.push(parsed.value);
    } else {
      deadLetters.push({
        sourceTopic: batch.topic,
        partition: batch.partition,
        message,
        reason: parsed.reason,
        consumer,
      });
    }
  }
  return { accepted, deadLetters };
}
