import type { EventEnvelope, WebhookState } from '@hookline/contracts';

/** True when one of `patterns` (exact type, `<resource>.*` or `*`) selects `eventType`. */
export function subscribesTo(patterns: readonly string[], eventType: string): boolean {
  const resource = eventType.slice(0, eventType.indexOf('.'));
  return patterns.some(
    (pattern) => pattern === '*' || pattern === eventType || (resource !== '' && pattern === `${resource}.*`),
  );
}

/** The active webhooks of the event's organization that subscribe to its type. */
export function matchEndpoints(
  candidates: Iterable<WebhookState>,
  event: Pick<EventEnvelope, 'organizationId' | 'type'>,
): WebhookState[] {
  const matches: WebhookState[] = [];
  for (const webhook of candidates) {
    if (
      webhook.active &&
      webhook.organizationId === event.organizationId &&
      subscribesTo(webhook.events, event.type)
    ) {
      matches.push(webhook);
    }
  }
  return matches;
}
