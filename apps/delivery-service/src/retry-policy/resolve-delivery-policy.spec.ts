import { DEFAULT_RETRY_POLICY, findEventType, type RetryPolicy } from '@hookline/contracts';
import { resolveDeliveryPolicy, type PolicyDefaults } from './resolve-delivery-policy';

describe(resolveDeliveryPolicy.name, () => {
  const occurredAt = '2026-11-22T10:00:00.000Z';
  const start = Date.parse(occurredAt);
  const own: RetryPolicy = { preset: 'custom', delaysSeconds: [1, 2] };
  const orgs: RetryPolicy = { preset: 'short' };
  const types: RetryPolicy = { preset: 'none' };
  const defaults = (
    organization: Partial<NonNullable<PolicyDefaults['organization']>> | undefined,
    eventType: PolicyDefaults['eventType'],
  ): PolicyDefaults => ({
    organization: organization && { retryPolicy: null, ttlSeconds: null, ...organization },
    eventType,
  });

  describe('the retry schedule: webhook > organization > event type > platform', () => {
    it.each([
      ['webhook, organization and type set one', own, orgs, types, own, 'webhook'],
      ['only the webhook sets one', own, undefined, undefined, own, 'webhook'],
      ['the webhook inherits; organization and type set one', null, orgs, types, orgs, 'organization'],
      ['the webhook inherits; only the organization sets one', null, orgs, undefined, orgs, 'organization'],
      [
        'the webhook inherits; the organization sets none; the type one',
        null,
        undefined,
        types,
        types,
        'event-type',
      ],
      [
        'the webhook inherits; the organization only a TTL; the type one',
        null,
        null,
        types,
        types,
        'event-type',
      ],
      ['nobody sets one', null, undefined, undefined, DEFAULT_RETRY_POLICY, 'platform'],
      [
        'nobody sets one, the organization only a TTL',
        null,
        null,
        undefined,
        DEFAULT_RETRY_POLICY,
        'platform',
      ],
    ] as const)('%s', (_case, webhookPolicy, orgPolicy, typePolicy, retryPolicy, retryPolicySource) => {
      const organization = orgPolicy === undefined ? undefined : { retryPolicy: orgPolicy, ttlSeconds: 60 };
      expect(
        resolveDeliveryPolicy(
          { retryPolicy: webhookPolicy },
          { occurredAt },
          defaults(organization, { defaultRetryPolicy: typePolicy }),
        ),
      ).toMatchObject({ retryPolicy, retryPolicySource });
    });

    it('gives a type outside the catalog the platform default', () => {
      expect(
        resolveDeliveryPolicy({ retryPolicy: null }, { occurredAt }, defaults(undefined, undefined)),
      ).toMatchObject({
        retryPolicy: { preset: 'standard' },
        retryPolicySource: 'platform',
      });
    });

    it('keeps an old state that carries the standard preset explicit, over every default', () => {
      expect(
        resolveDeliveryPolicy(
          { retryPolicy: { preset: 'standard' } },
          { occurredAt },
          defaults({ retryPolicy: orgs }, { defaultRetryPolicy: types }),
        ),
      ).toMatchObject({ retryPolicy: { preset: 'standard' }, retryPolicySource: 'webhook' });
    });

    it('reads the catalog: an inheriting webhook sends webhook.test once, job.created on the standard schedule', () => {
      const inherit = { retryPolicy: null };
      const catalog = (type: string) => defaults(undefined, findEventType(type));

      expect(resolveDeliveryPolicy(inherit, { occurredAt }, catalog('webhook.test')).retryPolicy).toEqual({
        preset: 'none',
      });
      expect(resolveDeliveryPolicy(inherit, { occurredAt }, catalog('job.created')).retryPolicy).toEqual({
        preset: 'standard',
      });
    });
  });

  describe('the expiry: event > organization > event type > platform (none)', () => {
    const inOneHour = '2026-11-22T11:00:00.000Z';

    it.each([
      ['event, organization and type set one', inOneHour, 120, 60, start + 3_600_000, 'event'],
      ['only the event sets one', inOneHour, undefined, undefined, start + 3_600_000, 'event'],
      ['the event sets none; organization and type one', undefined, 120, 60, start + 120_000, 'organization'],
      [
        'the event says null; only the organization one',
        null,
        120,
        undefined,
        start + 120_000,
        'organization',
      ],
      [
        'the event sets none; the organization only a schedule; the type one',
        undefined,
        null,
        60,
        start + 60_000,
        'event-type',
      ],
      ['only the type sets one', undefined, undefined, 60, start + 60_000, 'event-type'],
      ['nobody sets one', undefined, undefined, undefined, null, 'platform'],
    ] as const)('%s', (_case, expiresAt, orgTtl, defaultTtlSeconds, expiresAtMs, expirySource) => {
      const organization = orgTtl === undefined ? undefined : { retryPolicy: orgs, ttlSeconds: orgTtl };
      expect(
        resolveDeliveryPolicy(
          { retryPolicy: null },
          { occurredAt, expiresAt },
          defaults(organization, { defaultTtlSeconds }),
        ),
      ).toMatchObject({ expiresAtMs, expirySource });
    });

    it('is independent of the schedule: an explicit webhook policy keeps the type TTL', () => {
      expect(
        resolveDeliveryPolicy(
          { retryPolicy: own },
          { occurredAt },
          defaults(undefined, findEventType('drawing.created')),
        ),
      ).toEqual({
        retryPolicy: own,
        retryPolicySource: 'webhook',
        expiresAtMs: start + 86_400_000,
        expirySource: 'event-type',
      });
    });
  });
});
