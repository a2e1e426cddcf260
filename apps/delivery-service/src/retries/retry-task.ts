import type { KafkaMessage } from 'kafkajs';
import {
  DELIVERY_TASK_SCHEMA,
  EXTERNAL_ID_PATTERN,
  KafkaHeaders,
  validateEnvelopeShell,
  type DeliveryTask,
} from '@hookline/contracts';
import { decodeJson, type OutgoingMessage } from '@hookline/kafka';

/** A `DeliveryTask` as delivery writes it to the retry tiers and the ordered lane. */
export type RetryTask = DeliveryTask;

export type RetryTaskParse = { ok: true; task: RetryTask } | { ok: false; reason: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** A retry-tier or lane message as a task, or why it is refused (it then goes to the DLQ). */
export function parseRetryTask(message: KafkaMessage): RetryTaskParse {
  const decoded = decodeJson(message.value);
  if (!decoded.ok) {
    return { ok: false, reason: decoded.reason };
  }
  const value = decoded.value;
  if (!isObject(value)) {
    return { ok: false, reason: 'task must be a JSON object' };
  }
  const problems: string[] = [];
  const check = (condition: boolean, problem: string) => {
    if (!condition) {
      problems.push(problem);
    }
  };
  check(typeof value.deliveryId === 'string' && value.deliveryId !== '', 'deliveryId must be a string');
  check(
    typeof value.webhookId === 'string' && EXTERNAL_ID_PATTERN.test(value.webhookId),
    'webhookId must be an id',
  );
  check(
    Number.isSafeInteger(value.attempt) && (value.attempt as number) >= 1,
    'attempt must be an integer ≥ 1',
  );
  check(isInstant(value.dueAt), 'dueAt must be an ISO instant');
  check(value.reason === 'retry' || value.reason === 'redeliver', 'reason must be retry or redeliver');
  check(
    value.failingSince === undefined || value.failingSince === null || isInstant(value.failingSince),
    'failingSince must be an ISO instant or null',
  );
  // Delivery wrote the task from an event it had validated in full: its envelope is checked, its data not again.
  const event = validateEnvelopeShell(value.event);
  if (!event.ok) {
    problems.push(...event.errors.map((error) => `event: ${error}`));
  }
  if (problems.length > 0 || !event.ok) {
    return { ok: false, reason: `invalid delivery task: ${problems.join('; ')}` };
  }
  return {
    ok: true,
    task: {
      deliveryId: value.deliveryId as string,
      webhookId: value.webhookId as string,
      event: event.value,
      attempt: value.attempt as number,
      dueAt: value.dueAt as string,
      reason: value.reason as RetryTask['reason'],
      failingSince: (value.failingSince as string | null | undefined) ?? null,
    },
  };
}

/** The Kafka message of a task; key = webhook id, as the topics table says. */
export function retryTaskMessage(task: RetryTask): OutgoingMessage {
  return {
    key: task.webhookId,
    value: task,
    headers: { [KafkaHeaders.schema]: DELIVERY_TASK_SCHEMA, [KafkaHeaders.eventType]: task.event.type },
  };
}
