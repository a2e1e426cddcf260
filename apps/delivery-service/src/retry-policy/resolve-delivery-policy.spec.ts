import { DEFAULT_RETRY_POLICY, findEventType, type RetryPolicy } from '@hookline/contracts';
import { resolveDeliveryPolicy } from './resolve-delivery-policy';

describe(resolveDeliveryPolicy.name, () => {
  const occurredAt = '2026-11-22T10:00:00.000Z';
  const own: RetryPolicy = { preset: 'custom', delaysSeconds: [1, 2] };
  const typeDefault: RetryPolicy = { preset: 'none' };

  describe('the retry schedule: webhook > event type > platform', () => {
    it.each([
      ['the webhook sets one, the type too', own, typeDefault, own, 'webhook'],
      ['the webhook sets one, the type none', own, undefined, own, 'webhook'],
      ['the webhook inherits, the type sets one', null, typeDefault, typeDefault, 'event-type'],
      ['the webhook inherits, the type sets none', null, undefined, DEFAULT_RETRY_POLICY, 'platform'],
    ] as const)('%s', (_case, webhookPolicy, defaultRetryPolicy, retryPolicy, retryPolicySource) => {
      expect(
        resolveDeliveryPolicy({ retryPolicy: webhookPolicy }, { occurredAt }, { defaultRetryPolicy }),
      ).toMatchObject({ retryPolicy, retryPolicySource });
    });

    it('gives a type outside the catalog the platform default', () => {
      expect(resolveDeliveryPolicy({ retryPolicy: null }, { occurredAt }, undefined)).toMatchObject({
        retryPolicy: { preset: 'standard' },
        retryPolicySource: 'platform',
      });
    });

    it('keeps an old state that carries the standard preset explicit, over the type default', () => {
      expect(
        resolveDeliveryPolicy(
          { retryPolicy: { preset: 'standard' } },
          { occurredAt },
          { defaultRetryPolicy: typeDefault },
        ),
      ).toMatchObject({ retryPolicy: { preset: 'standard' }, retryPolicySource: 'webhook' });
    });

    it('reads the catalog: an inheriting webhook sends webhook.test once, job.created on the standard schedule', () => {
      const inherit = { retryPolicy: null };

      expect(
        resolveDeliveryPolicy(inherit, { occurredAt }, findEventType('webhook.test')).retryPolicy,
      ).toEqual({
        preset: 'none',
      });
      expect(
        resolveDeliveryPolicy(inherit, { occurredAt }, findEventType('job.created')).retryPolicy,
      ).toEqual({
        preset: 'standard',
      });
    });
  });

  describe('the expiry: event > event type > platform (none)', () => {
    const start = Date.parse(occurredAt);

    it.each([
      ['the event sets one, the type too', '2026-11-22T11:00:00.000Z', 60, start + 3_600_000, 'event'],
      [
        'the event sets one, the type none',
        '2026-11-22T11:00:00.000Z',
        undefined,
        start + 3_600_000,
        'event',
      ],
      ['the event sets none, the type one', undefined, 60, start + 60_000, 'event-type'],
      ['the event says null, the type one', null, 60, start + 60_000, 'event-type'],
      ['neither sets one', undefined, undefined, null, 'platform'],
    ] as const)('%s', (_case, expiresAt, defaultTtlSeconds, expiresAtMs, expirySource) => {
      expect(
        resolveDeliveryPolicy({ retryPolicy: null }, { occurredAt, expiresAt }, { defaultTtlSeconds }),
      ).toMatchObject({ expiresAtMs, expirySource });
    });

    it('is independent of the schedule: an explicit webhook policy keeps the type TTL', () => {
      expect(
        resolveDeliveryPolicy({ retryPolicy: own }, { occurredAt }, findEventType('drawing.created')),
      ).toEqual({
        retryPolicy: own,
        retryPolicySource: 'webhook',
        expiresAtMs: start + 86_400_000,
        expirySource: 'event-type',
      });
    });
  });
});
