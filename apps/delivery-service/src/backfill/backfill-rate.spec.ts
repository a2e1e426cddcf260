import { BackfillRate } from './backfill-rate';

describe(BackfillRate.name, () => {
  it('hands over a burst of one second, then one event per 1/rate', async () => {
    const rate = new BackfillRate(20);
    const startedAt = Date.now();
    for (let i = 0; i < 30; i += 1) {
      await rate.take(() => false);
    }
    // 20 at once, the next 10 at 50 ms each.
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(1_500);
  });

  it('stops waiting as soon as the backfill is stopped', async () => {
    const rate = new BackfillRate(1);
    await rate.take(() => false);
    const startedAt = Date.now();
    let stopped = false;
    setTimeout(() => (stopped = true), 50);
    await rate.take(() => stopped);
    expect(Date.now() - startedAt).toBeLessThan(500);
  });
});
