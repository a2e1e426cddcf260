import { validateWebhookState } from '@hookline/contracts';
import { decodeJson } from '@hookline/kafka';
import type { KafkaMessage } from 'kafkajs';
import type { MessageParse } from '../common/decode-batch';
import type { WebhookChange } from './webhook-change';

/** One `hookline.subscriptions.v1` record: a `WebhookState`, or a tombstone (null value) on delete. */
export function parseWebhookMessage(message: KafkaMessage): MessageParse<WebhookChange> {
  const key = message.key?.toString() ?? '';
  if (key.length === 0) {
    return { ok: false, reason: 'message has no key (the webhook id)' };
  }
  if (message.value === null) {
    return {
      ok: true,
      value: { kind: 'deleted', id: key, deletedAt: new Date(Number(message.timestamp)).toISOString() },
    };
  }
  const decoded = decodeJson(message.value);
  if (!decoded.ok) {
    return decoded;
  }
  const parsed = validateWebhookState(decoded.value);
  if (!parsed.ok) {
    return parsed;
  }
  const state = parsed.value;
  if (state.id !== key) {
    return { ok: false, reason: `key "${key}" differs from the webhook state's id "${state.id}"` };
  }
  return {
    ok: true,
    value: {
      kind: 'state',
      id: state.id,
      organizationId: state.organizationId,
      url: state.url,
      version: state.version,
      updatedAt: new Date(state.updatedAt).toISOString(),
    },
  };
}
