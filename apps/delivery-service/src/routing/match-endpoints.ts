import {
  compileWebhookFilter,
  type EventEnvelope,
  type FilterPredicate,
  type WebhookState,
} from '@hookline/contracts';

/** The fields of an event that routing reads. */
export type RoutedEvent = Pick<EventEnvelope, 'organizationId' | 'type' | 'subject' | 'data'>;

/** True when one of `patterns` (exact type, `<resource>.*` or `*`) selects `eventType`. */
export function subscribesTo(patterns: readonly string[], eventType: string): boolean {
  const resource = eventType.slice(0, eventType.indexOf('.'));
  return patterns.some(
    (pattern) => pattern === '*' || pattern === eventType || (resource !== '' && pattern === `${resource}.*`),
  );
}

/**
 * Each state's filter compiled once: a state is replaced, never changed, when its webhook changes,
 * so the predicate lives exactly as long as the state it was compiled from.
 */
const compiledFilters = new WeakMap<WebhookState, FilterPredicate>();

function filterOf(webhook: WebhookState): FilterPredicate | null {
  if (webhook.filter === null) {
    return null;
  }
  let predicate = compiledFilters.get(webhook);
  if (predicate === undefined) {
    predicate = compileWebhookFilter(webhook.filter);
    compiledFilters.set(webhook, predicate);
  }
  return predicate;
}

/** The active webhooks of the event's organization that subscribe to its type and whose filter selects it. */
export function matchEndpoints(candidates: Iterable<WebhookState>, event: RoutedEvent): WebhookState[] {
  const matches: WebhookState[] = [];
  for (const webhook of candidates) {
    if (
      webhook.active &&
      webhook.organizationId === event.organizationId &&
      subscribesTo(webhook.events, event.type) &&
      (filterOf(webhook)?.(event) ?? true)
    ) {
      matches.push(webhook);
    }
  }
  return matches;
}
