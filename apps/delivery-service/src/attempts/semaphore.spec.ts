import { Semaphore } from './semaphore';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(Semaphore.name, () => {
  it('never runs more than its limit at once, and runs everything in arrival order', async () => {
    const semaphore = new Semaphore(2);
    const started: number[] = [];
    const releases = new Map<number, () => void>();
    const tasks = Array.from({ length: 4 }, (_, index) =>
      semaphore.use(async () => {
        started.push(index);
        await new Promise<void>((resolve) => releases.set(index, resolve));
        return index;
      }),
    );

    await tick();
    expect(started).toEqual([0, 1]);
    expect(semaphore.waiting).toBe(2);

    releases.get(1)?.();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(semaphore.inUse).toBe(2);

    releases.get(0)?.();
    await tick();
    releases.get(2)?.();
    await tick();
    releases.get(3)?.();

    await expect(Promise.all(tasks)).resolves.toEqual([0, 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(semaphore.inUse).toBe(0);
  });

  it('frees the slot when the work fails', async () => {
    const semaphore = new Semaphore(1);

    await expect(semaphore.use(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(semaphore.use(async () => 'next')).resolves.toBe('next');
  });

  it('refuses a limit below one', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
