import { Topics } from '@hookline/contracts';
import type { TopicBatch } from '@hookline/kafka';
import { retryTaskMessage, type RetryTask } from '../pipeline/retry-task';

/** Tasks of ordered webhooks go to `hookline.deliveries.v1`, key = webhook id: one partition per webhook. */
export function orderedLaneBatch(tasks: readonly RetryTask[]): TopicBatch {
  return { topic: Topics.deliveries, messages: tasks.map(retryTaskMessage) };
}
