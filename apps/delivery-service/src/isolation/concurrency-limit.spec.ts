import { ConcurrencyLimit } from './concurrency-limit';

describe(ConcurrencyLimit.name, () => {
  afterEach(() => jest.useRealTimers());

  it('grants up to the limit, queues the rest first come first served, and lets waiters time out', async () => {
    jest.useFakeTimers();
    const limit = new ConcurrencyLimit(2);
    await expect(limit.tryAcquire(0)).resolves.toBe(true);
    await expect(limit.tryAcquire(0)).resolves.toBe(true);
    await expect(limit.tryAcquire(0)).resolves.toBe(false);

    const first = limit.tryAcquire(1_000);
    const second = limit.tryAcquire(1_000);
    limit.release();
    await expect(first).resolves.toBe(true);
    jest.advanceTimersByTime(1_000);
    await expect(second).resolves.toBe(false);
    expect(limit.inUse).toBe(2);
    limit.release();
    limit.release();
    expect(limit.isIdle).toBe(true);
  });

  it('applies a raised limit to waiters at once', async () => {
    const limit = new ConcurrencyLimit(1);
    await limit.tryAcquire(0);
    const waiting = limit.tryAcquire(60_000);
    limit.setLimit(2);
    await expect(waiting).resolves.toBe(true);
    expect(limit.inUse).toBe(2);
    expect(() => limit.setLimit(0)).toThrow(RangeError);
  });

  it('refuses every waiter on request, keeping the slots in use', async () => {
    const limit = new ConcurrencyLimit(1);
    await limit.tryAcquire(0);
    expect(limit.hasFreeSlot).toBe(false);
    const waiters = [limit.tryAcquire(60_000), limit.tryAcquire(60_000)];
    expect(limit.waiting).toBe(2);
    expect(limit.refuseWaiting()).toBe(2);
    await expect(Promise.all(waiters)).resolves.toEqual([false, false]);
    expect([limit.inUse, limit.waiting]).toEqual([1, 0]);
    limit.release();
    expect(limit.hasFreeSlot).toBe(true);
  });
});
