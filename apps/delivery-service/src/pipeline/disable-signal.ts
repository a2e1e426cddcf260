import { Topics, type DisableReason, type EndpointSignal, type WebhookState } from '@hookline/contracts';
import type { TopicBatch } from '@hookline/kafka';

/** Asks subscription-service (which owns the change) to disable a webhook; key = webhook id. */
export function disableSignalBatch(
  webhook: Pick<WebhookState, 'id' | 'organizationId'>,
  reason: DisableReason,
  detail: string,
  at: Date,
): TopicBatch {
  const signal: EndpointSignal = {
    kind: 'disable',
    webhookId: webhook.id,
    organizationId: webhook.organizationId,
    reason,
    detail,
    at: at.toISOString(),
  };
  return { topic: Topics.signals, messages: [{ key: webhook.id, value: signal }] };
}
