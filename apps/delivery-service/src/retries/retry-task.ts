import type { KafkaMessage } from 'kafkajs';
import {
  DELIVERY_TASK_SCHEMA,
  KafkaHeaders,
  validateDeliveryTask,
  type DeliveryTask,
} from '@hookline/contracts';
import { decodeJson, type OutgoingMessage } from '@hookline/kafka';

/** A `DeliveryTask` as delivery writes it to the retry tiers and the ordered lane. */
export type RetryTask = DeliveryTask;

export type RetryTaskParse = { ok: true; task: RetryTask } | { ok: false; reason: string };

/** A retry-tier or lane message as a task, or why it is refused (it then goes to the DLQ). */
export function parseRetryTask(message: KafkaMessage): RetryTaskParse {
  const decoded = decodeJson(message.value);
  if (!decoded.ok) {
    return decoded;
  }
  const parsed = validateDeliveryTask(decoded.value);
  return parsed.ok ? { ok: true, task: parsed.value } : parsed;
}

/** The Kafka message of a task; key = webhook id, as the topics table says. */
export function retryTaskMessage(task: RetryTask): OutgoingMessage {
  return {
    key: task.webhookId,
    value: task,
    headers: { [KafkaHeaders.schema]: DELIVERY_TASK_SCHEMA, [KafkaHeaders.eventType]: task.event.type },
  };
}
