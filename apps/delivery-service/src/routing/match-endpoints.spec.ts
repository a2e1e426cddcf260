import type { WebhookState } from '@hookline/contracts';
import { matchEndpoints, subscribesTo } from './match-endpoints';

const webhook = (id: string, events: string[], overrides: Partial<WebhookState> = {}): WebhookState =>
  ({ id, organizationId: 'org_a', active: true, events, filter: null, ...overrides }) as WebhookState;

describe('subscribesTo', () => {
  it.each([
    [['job.created'], 'job.created', true],
    [['job.created'], 'job.updated', false],
    [['job.*'], 'job.status_changed', true],
    [['job.*'], 'estimate.created', false],
    [['*'], 'signed_document.signed', true],
    [['job'], 'job.created', false],
    [['job.created.*'], 'job.created', false],
    [['*.created'], 'job.created', false],
    [[], 'job.created', false],
  ])('%j selects %s: %s', (patterns, type, expected) => {
    expect(subscribesTo(patterns, type)).toBe(expected);
  });
});

describe('matchEndpoints', () => {
  const event = { organizationId: 'org_a', type: 'job.created', subject: 'job_1', data: { status: 'open' } };

  it('selects exact, resource wildcard and catch-all subscriptions', () => {
    const matches = matchEndpoints(
      [
        webhook('exact', ['job.created']),
        webhook('wildcard', ['job.*']),
        webhook('all', ['*']),
        webhook('other', ['estimate.*']),
      ],
      event,
    );

    expect(matches.map((match) => match.id)).toEqual(['exact', 'wildcard', 'all']);
  });

  it('leaves out inactive webhooks', () => {
    expect(matchEndpoints([webhook('off', ['job.created'], { active: false })], event)).toEqual([]);
  });

  it('leaves out webhooks of other organizations', () => {
    expect(matchEndpoints([webhook('theirs', ['*'], { organizationId: 'org_b' })], event)).toEqual([]);
  });

  it('leaves out webhooks whose filter does not select the event', () => {
    const matches = matchEndpoints(
      [
        webhook('open', ['job.*'], { filter: { field: 'data.status', eq: 'open' } }),
        webhook('closed', ['job.*'], { filter: { field: 'data.status', eq: 'closed' } }),
        webhook('not-test', ['job.*'], { filter: { not: { field: 'subject', startsWith: 'test_' } } }),
      ],
      event,
    );

    expect(matches.map((match) => match.id)).toEqual(['open', 'not-test']);
  });

  it('judges each state by its own filter, the one a newer state of the webhook carries included', () => {
    const before = webhook('wh', ['job.*'], { filter: { field: 'data.status', eq: 'closed' } });
    const after = { ...before, filter: { field: 'data.status', eq: 'open' }, version: 2 };

    expect(matchEndpoints([before], event)).toEqual([]);
    expect(matchEndpoints([after], event)).toEqual([after]);
    expect(matchEndpoints([before], event)).toEqual([]);
  });
});
