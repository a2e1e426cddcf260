import type { KafkaMessage } from 'kafkajs';
import {
  DELIVERY_TASK_SCHEMA,
  KafkaHeaders,
  validateDeliveryTask,
  type DeliveryTask,
  type RetryTierName,
} from '@hookline/contracts';
import { decodeValidated, type OutgoingMessage, type TopicBatch } from '@hookline/kafka';
import { topicOfTier } from '../retry-policy/choose-tier';

/** A `DeliveryTask` as delivery writes it to the retry tiers and the ordered lane. */
export type RetryTask = DeliveryTask;

export type RetryTaskParse = { ok: true; task: RetryTask } | { ok: false; reason: string };

/** A retry-tier or lane message as a task, or why it is refused (it then goes to the DLQ). */
export function parseRetryTask(message: KafkaMessage): RetryTaskParse {
  const parsed = decodeValidated(message.value, validateDeliveryTask);
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

/** A task on the retry tier `tier`. */
export function tierBatchOf(task: RetryTask, tier: RetryTierName): TopicBatch {
  return { topic: topicOfTier(tier), messages: [retryTaskMessage(task)] };
}
