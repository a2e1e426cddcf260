import { HooklineApiError, unwrap, type HooklineClient, type Webhook } from '@hookline/client';
import { jsonDifferences } from './json-differences';

export type MismatchDiagnosis =
  | { reason: 'wrong_secret'; message: string }
  | { reason: 'body_changed'; message: string; webhookId: string; differences: string[] };

/**
 * A signature that does not match means a wrong secret or a changed request; the signature alone cannot
 * say which. The platform can: the secret either is a webhook's signing secret or it is not, and the
 * delivery log holds the payload that was sent under this webhook-id.
 */
export async function diagnoseMismatch(
  client: HooklineClient,
  input: { secret: string; webhookId: string; body: string; onlyWebhook?: string },
): Promise<MismatchDiagnosis> {
  const owner = await webhookSigningWith(client, input.secret, input.onlyWebhook);
  if (owner === null) {
    const scope = input.onlyWebhook ? `webhook ${input.onlyWebhook}` : 'any webhook of this organization';
    return { reason: 'wrong_secret', message: `wrong secret: it is not the signing secret of ${scope}` };
  }
  const differences = await differencesFromLog(client, owner.id, input.webhookId, input.body);
  const detail =
    differences === null
      ? 'the signature does not cover these bytes (or webhook-id / webhook-timestamp was changed)'
      : differences.length === 0
        ? 'same JSON as delivered, different bytes: verify the raw body, before any parsing or re-serialising'
        : `it differs from what was delivered at ${differences.join(', ')}`;
  return {
    reason: 'body_changed',
    message: `body changed: the secret is webhook ${owner.id}'s, but ${detail}`,
    webhookId: owner.id,
    differences: differences ?? [],
  };
}

async function webhookSigningWith(
  client: HooklineClient,
  secret: string,
  only?: string,
): Promise<Webhook | null> {
  const candidates: Webhook[] = [];
  if (only) {
    candidates.push(
      await unwrap(client.subscription.GET('/v1/webhooks/{id}', { params: { path: { id: only } } })),
    );
  } else {
    for await (const webhook of client.webhooks({ limit: 100 })) {
      candidates.push(webhook);
    }
  }
  for (const webhook of candidates) {
    const current = await unwrap(
      client.subscription.GET('/v1/webhooks/{id}/secret', { params: { path: { id: webhook.id } } }),
    );
    if (current.key === secret.trim()) {
      return webhook;
    }
  }
  return null;
}

/** null when the log holds no payload for the event (not delivered to this webhook, or past retention). */
async function differencesFromLog(
  client: HooklineClient,
  webhookId: string,
  eventId: string,
  body: string,
): Promise<string[] | null> {
  let received: unknown;
  try {
    received = JSON.parse(body);
  } catch {
    return ['(the whole body: it is not JSON)'];
  }
  try {
    for await (const summary of client.deliveries(webhookId, { eventId, limit: 1 })) {
      const delivery = await unwrap(
        client.audit.GET('/v1/deliveries/{id}', { params: { path: { id: summary.id } } }),
      );
      return delivery.payload ? jsonDifferences(delivery.payload, received) : null;
    }
  } catch (error) {
    if (error instanceof HooklineApiError && error.kind === 'not_found') {
      return null;
    }
    throw error;
  }
  return null;
}
