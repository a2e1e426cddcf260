import type { WebhookState } from '@hookline/contracts';
import { matchEndpoints, subscribesTo } from './match-endpoints';

const webhook = (id: string, events: string[], overrides: Partial<WebhookState> = {}): WebhookState =>
  ({ id, organizationId: 'org_a', active: true, events, ...overrides }) as WebhookState;

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
  const event = { organizationId: 'org_a', type: 'job.created' };

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
});
