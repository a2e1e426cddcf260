import type { RetryPolicy } from '@hookline/contracts';
import { retryDelayMs } from './retry-delay';

const all = (policy: RetryPolicy, random: number): Array<number | null> =>
  Array.from({ length: 9 }, (_, index) => retryDelayMs(policy, index + 1, random));

describe('retryDelayMs', () => {
  it('standard: 5s, 5m, 30m, 2h, 5h, 10h, 10h, then stops', () => {
    expect(all({ preset: 'standard' }, 0.5)).toEqual([
      5_000,
      300_000,
      1_800_000,
      7_200_000,
      18_000_000,
      36_000_000,
      36_000_000,
      null,
      null,
    ]);
  });

  it('standard: jitter stays within ±20%', () => {
    for (const random of [0, 0.25, 0.999999]) {
      for (const [retry, base] of [
        [1, 5_000],
        [4, 7_200_000],
      ]) {
        const delay = retryDelayMs({ preset: 'standard' }, retry, random) ?? 0;
        expect(delay).toBeGreaterThanOrEqual(base * 0.8);
        expect(delay).toBeLessThanOrEqual(base * 1.2);
      }
    }
    expect(retryDelayMs({ preset: 'standard' }, 1, 0)).toBe(4_000);
  });

  it('short: 5 min, 10 min, then stops (3 attempts)', () => {
    expect(all({ preset: 'short' }, 0.3).slice(0, 3)).toEqual([300_000, 600_000, null]);
  });

  it('jittered: 5 retries, increasing, random, never past 10 min', () => {
    for (const random of [0, 0.5, 0.999999]) {
      const delays = all({ preset: 'jittered' }, random);
      expect(delays.slice(5)).toEqual([null, null, null, null]);
      const five = delays.slice(0, 5) as number[];
      expect(five.every((delay) => delay >= 1_000 && delay <= 600_000)).toBe(true);
      for (let index = 1; index < five.length; index += 1) {
        expect(five[index]).toBeGreaterThanOrEqual(five[index - 1]);
      }
    }
    // Bands: retry n lands in [(n-1)·2 min, n·2 min].
    expect(retryDelayMs({ preset: 'jittered' }, 3, 0)).toBe(240_000);
    expect(retryDelayMs({ preset: 'jittered' }, 3, 0.5)).toBe(300_000);
    expect(retryDelayMs({ preset: 'jittered' }, 1, 0.5)).not.toBe(
      retryDelayMs({ preset: 'jittered' }, 1, 0.9),
    );
  });

  it('none: no retry at all', () => {
    expect(all({ preset: 'none' }, 0.5).every((delay) => delay === null)).toBe(true);
  });

  it('custom: the listed delays, exactly, then stops; bounded to the policy limits', () => {
    expect(all({ preset: 'custom', delaysSeconds: [1, 1, 2] }, 0.9).slice(0, 4)).toEqual([
      1_000,
      1_000,
      2_000,
      null,
    ]);
    expect(retryDelayMs({ preset: 'custom', delaysSeconds: [0.01, 10 ** 9] }, 1, 0)).toBe(1_000);
    expect(retryDelayMs({ preset: 'custom', delaysSeconds: [0.01, 10 ** 9] }, 2, 0)).toBe(7 * 86_400_000);
    expect(retryDelayMs({ preset: 'custom' }, 1, 0)).toBeNull();
  });

  it('has no retry number 0', () => {
    expect(retryDelayMs({ preset: 'standard' }, 0, 0.5)).toBeNull();
  });
});
