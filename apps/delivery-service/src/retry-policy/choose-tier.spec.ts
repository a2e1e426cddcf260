import { RETRY_TIERS } from '@hookline/contracts';
import { chooseTier, holdUntil, tierOfTopic } from './choose-tier';

describe('chooseTier', () => {
  it.each([
    [0, '1s'],
    [500, '1s'],
    [1_000, '1s'],
    [4_999, '1s'],
    [5_000, '5s'],
    [59_999, '5s'],
    [60_000, '1m'],
    [599_999, '1m'],
    [600_000, '10m'],
    [3_600_000, '1h'],
    [36_000_000, '1h'],
  ])('waits %i ms on the %s tier', (remainingMs, name) => {
    expect(chooseTier(remainingMs).name).toBe(name);
  });

  it('knows every tier by its topic', () => {
    for (const tier of RETRY_TIERS) {
      expect(tierOfTopic(`hookline.retry.${tier.name}.v1`)).toBe(tier);
    }
    expect(tierOfTopic('hookline.retry.2s.v1')).toBeNull();
  });
});

describe('holdUntil', () => {
  const fiveSeconds = RETRY_TIERS[1];

  it('holds until due when that comes first', () => {
    expect(holdUntil(12_000, 10_000, fiveSeconds)).toBe(12_000);
  });

  it('holds one tier delay after the message was written, then the task hops', () => {
    expect(holdUntil(100_000, 10_000, fiveSeconds)).toBe(15_000);
  });
});
