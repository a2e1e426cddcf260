import { stableRandom } from './stable-random';

describe('stableRandom', () => {
  it('is deterministic per input, spread over [0, 1)', () => {
    expect(stableRandom('dlv_1', 2)).toBe(stableRandom('dlv_1', 2));
    expect(stableRandom('dlv_1', 2)).not.toBe(stableRandom('dlv_1', 3));
    const draws = Array.from({ length: 2_000 }, (_, index) => stableRandom('dlv', index));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((sum, draw) => sum + draw, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
