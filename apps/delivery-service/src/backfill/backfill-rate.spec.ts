import { BackfillRate } from './backfill-rate';

/** Timers and `Date.now` are Jest's: the pace is checked against a clock the test moves. */
describe(BackfillRate.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  /** Starts a `take` and reports whether it has resolved yet. */
  function taking(rate: BackfillRate, stopped: () => boolean = () => false): () => boolean {
    let resolved = false;
    void rate.take(stopped).then(() => (resolved = true));
    return () => resolved;
  }

  it('hands over a burst of one second at once, then one event per 1/rate', async () => {
    const rate = new BackfillRate(20);
    for (let index = 0; index < 20; index += 1) {
      const done = taking(rate);
      await jest.advanceTimersByTimeAsync(0);
      expect(done()).toBe(true);
    }

    const twentyFirst = taking(rate);
    await jest.advanceTimersByTimeAsync(49);
    expect(twentyFirst()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(twentyFirst()).toBe(true);

    const twentySecond = taking(rate);
    await jest.advanceTimersByTimeAsync(49);
    expect(twentySecond()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(twentySecond()).toBe(true);
  });

  it('stops waiting within one 200 ms slice of the backfill being stopped, not after its whole debt', async () => {
    const rate = new BackfillRate(1);
    await rate.take(() => false);
    let stopped = false;
    const done = taking(rate, () => stopped);

    await jest.advanceTimersByTimeAsync(150);
    expect(done()).toBe(false);
    stopped = true;
    await jest.advanceTimersByTimeAsync(50);
    expect(done()).toBe(true);
  });
});
