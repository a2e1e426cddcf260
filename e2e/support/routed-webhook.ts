import { TestReceiver, type ReplyPolicy } from '@hookline/testing';
import {
  createOrganization,
  createWebhook,
  publishEvent,
  startPlatform,
  untilRouted,
  type Organization,
  type Platform,
} from './platform';

export interface RoutedWebhook {
  platform: Platform;
  receiver: TestReceiver;
  organization: Organization;
  webhookId: string;
}

/**
 * The start of a spec that follows job events to one receiver: a receiver answering with `reply`, the
 * platform (with `env`), an organization and its job.* webhook at the receiver's /jobs, and warm-up
 * events published until one `arrived` there, so delivery-service routes to the webhook.
 */
export async function startRoutedWebhook({
  organization,
  webhook,
  reply,
  env,
  arrived,
  perTryMs,
}: {
  organization: string;
  webhook: string;
  reply?: ReplyPolicy;
  env?: Record<string, string>;
  arrived: (eventId: string, receiver: TestReceiver) => void;
  perTryMs?: number;
}): Promise<RoutedWebhook> {
  const receiver = await TestReceiver.start(reply);
  const platform = await startPlatform(env);
  const created = await createOrganization(platform, organization);
  const { id: webhookId } = await createWebhook(platform, created.apiKey.key, {
    name: webhook,
    url: `${receiver.url}/jobs`,
    events: ['job.*'],
    active: true,
  });
  await untilRouted(
    () => publishEvent(platform, created.apiKey.key, 'job_warmup'),
    (id) => arrived(id, receiver),
    { perTryMs },
  );
  return { platform, receiver, organization: created, webhookId };
}
