import type { KafkaMessage } from 'kafkajs';
import {
  sendToDeadLetterQueue,
  type DeadLetter,
  type IncomingBatch,
  type KafkaPublisher,
} from '@hookline/kafka';

export const CONSUMER_NAME = 'delivery-service';

/**
 * Collects the messages of a batch that cannot be handled and parks them on the DLQ in one write;
 * each refused message is finished once that write is acknowledged.
 */
export class DeadLetterCollector {
  private readonly letters: DeadLetter[] = [];
  private readonly slots: number[] = [];

  constructor(private readonly batch: IncomingBatch) {}

  refuse(index: number, message: KafkaMessage, reason: string): void {
    this.slots.push(index);
    this.letters.push({
      sourceTopic: this.batch.topic,
      partition: this.batch.partition,
      message,
      reason,
      consumer: CONSUMER_NAME,
    });
  }

  /**
   * Writes the letters and puts the write's promise where each refused message sits in `taken`;
   * `report` is told about each letter (log line, metric).
   */
  park(
    publisher: KafkaPublisher,
    taken: Array<Promise<unknown>>,
    report: (letter: DeadLetter) => void,
  ): void {
    if (this.letters.length === 0) {
      return;
    }
    const written = sendToDeadLetterQueue(publisher, this.letters);
    for (const index of this.slots) {
      taken[index] = written;
    }
    for (const letter of this.letters) {
      report(letter);
    }
  }
}
