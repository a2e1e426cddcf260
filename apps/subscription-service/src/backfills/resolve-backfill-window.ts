import { BACKFILL_MAX_WINDOW_DAYS, EVENT_TYPES } from '@hookline/contracts';
import { findEventTypeProblem, patternsCovering } from '../webhooks/validate-event-patterns';

export interface BackfillAsked {
  since: string;
  until?: string;
  eventTypes?: string[];
}

export interface BackfillWindow {
  since: Date;
  until: Date;
  eventTypes: string[];
}

const DAY_MS = 86_400_000;

/**
 * The window and types a backfill replays, or every problem with what was asked. `until` defaults to
 * now and is never later (events after now arrive live); the types default to every catalog type the
 * webhook subscribes to, and each one asked for must be one it subscribes to.
 */
export function resolveBackfillWindow(
  asked: BackfillAsked,
  webhookEvents: readonly string[],
  now: Date,
): { ok: true; window: BackfillWindow } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const since = new Date(asked.since);
  const until = asked.until === undefined ? now : new Date(Math.min(Date.parse(asked.until), now.getTime()));
  if (since.getTime() >= now.getTime()) {
    problems.push('since must be in the past');
  } else if (since.getTime() >= until.getTime()) {
    problems.push('since must be before until');
  } else if (until.getTime() - since.getTime() > BACKFILL_MAX_WINDOW_DAYS * DAY_MS) {
    problems.push(`the window from since to until may span at most ${BACKFILL_MAX_WINDOW_DAYS} days`);
  }
  const subscribed = (type: string) =>
    patternsCovering(type).some((pattern) => webhookEvents.includes(pattern));
  const eventTypes = asked.eventTypes ?? EVENT_TYPES.filter(subscribed);
  asked.eventTypes?.forEach((type, index) => {
    const problem = findEventTypeProblem(type, `eventTypes[${index}]`);
    if (problem !== null) {
      problems.push(problem);
    } else if (!subscribed(type)) {
      problems.push(
        `eventTypes[${index}] "${type}" is not one the webhook subscribes to (${webhookEvents.join(', ')})`,
      );
    }
  });
  if (eventTypes.length === 0 && problems.length === 0) {
    problems.push('the webhook subscribes to no catalog event type; there is nothing to backfill');
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, window: { since, until, eventTypes: [...new Set(eventTypes)] } };
}
