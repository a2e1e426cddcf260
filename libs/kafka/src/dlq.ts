import type { KafkaMessage } from 'kafkajs';
import { KafkaHeaders, Topics } from '@hookline/contracts';
import { readHeaders } from './codec';
import type { KafkaPublisher } from './publisher';

export interface DeadLetter {
  sourceTopic: string;
  partition: number;
  message: KafkaMessage;
  reason: string;
  consumer: string;
}

/** Parks messages a consumer cannot handle, with the reason in headers; the partition moves on. */
export async function sendToDeadLetterQueue(publisher: KafkaPublisher, letters: DeadLetter[]): Promise<void> {
  await publisher.send(
    Topics.dlq,
    letters.map((letter) => ({
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
    })),
  );
}
