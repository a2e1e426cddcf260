import { explainWebhookFilter, type FilterableEvent } from '@hookline/contracts';
import { patternsCovering } from './validate-event-patterns';
import type { Webhook } from './webhook.entity';

export interface SampleMatch {
  matches: boolean;
  typeMatches: boolean;
  /** null without a filter. */
  filterMatches: boolean | null;
  /** The filter part that decided, by its path; null without a filter. */
  decidedBy: string | null;
  active: boolean;
}

/** Would the webhook take this event: its patterns and its filter, judged as dispatch judges them. */
export function matchSampleEvent(
  webhook: Pick<Webhook, 'events' | 'filter' | 'active'>,
  sample: FilterableEvent,
): SampleMatch {
  const covering = patternsCovering(sample.type);
  const typeMatches = webhook.events.some((pattern) => covering.includes(pattern));
  const filter = webhook.filter === null ? null : explainWebhookFilter(webhook.filter, sample);
  return {
    matches: typeMatches && (filter?.matches ?? true),
    typeMatches,
    filterMatches: filter?.matches ?? null,
    decidedBy: filter?.decidedBy ?? null,
    active: webhook.active,
  };
}
