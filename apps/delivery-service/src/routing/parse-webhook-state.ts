import { validateWebhookState, type WebhookState } from '@hookline/contracts';

export type WebhookStateParse = { ok: true; value: WebhookState } | { ok: false; errors: string[] };

/**
 * Checks a `hookline.subscriptions.v1` value before it enters the routing table: the contract's
 * validator (defaults of old states filled in), and the state must be of the webhook it is keyed by.
 */
export function parseWebhookState(webhookId: string, input: unknown): WebhookStateParse {
  const parsed = validateWebhookState(input);
  const errors = parsed.ok ? [] : [parsed.reason];
  if ((input as { id?: unknown } | null)?.id !== webhookId) {
    errors.push(`id must equal the message key (${webhookId})`);
  }
  return parsed.ok && errors.length === 0 ? parsed : { ok: false, errors };
}
