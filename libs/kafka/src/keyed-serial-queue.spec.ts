import { KeyedSerialQueue } from './keyed-serial-queue';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(KeyedSerialQueue.name, () => {
  it('runs one key in call order and different keys concurrently', async () => {
    const queue = new KeyedSerialQueue();
    const log: string[] = [];
    const job = (name: string, ticks: number) => async () => {
      log.push(`start ${name}`);
      for (let index = 0; index < ticks; index += 1) {
        await tick();
      }
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      queue.run('a', job('a1', 3)),
      queue.run('b', job('b1', 1)),
      queue.run('a', job('a2', 1)),
    ]);
    expect(results).toEqual(['a1', 'b1', 'a2']);
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
    await tick();
    expect(queue.activeKeys).toBe(0);
  });

  it('keeps going after a failure and reports it to its caller only', async () => {
    const queue = new KeyedSerialQueue();
    const failed = queue.run('a', () => Promise.reject(new Error('boom')));
    const next = queue.run('a', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
