import { runKeyedSequentially } from './run-keyed-sequentially';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runKeyedSequentially', () => {
  it('runs one key in order and different keys concurrently, returning results in input order', async () => {
    const log: string[] = [];
    const items = [
      { key: 'a', name: 'a1', delay: 3 },
      { key: 'b', name: 'b1', delay: 1 },
      { key: 'a', name: 'a2', delay: 1 },
      { key: 'b', name: 'b2', delay: 1 },
    ];

    const results = await runKeyedSequentially(
      items,
      (item) => item.key,
      async (item) => {
        log.push(`start ${item.name}`);
        for (let index = 0; index < item.delay; index += 1) await tick();
        log.push(`end ${item.name}`);
        return item.name.toUpperCase();
      },
    );

    expect(results).toEqual(['A1', 'B1', 'A2', 'B2']);
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
    expect(log.indexOf('start b2')).toBeGreaterThan(log.indexOf('end b1'));
    // b ran while a1 was still in flight.
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('lets every item finish before rejecting with the first failure', async () => {
    const finished: string[] = [];

    await expect(
      runKeyedSequentially(
        ['fail', 'slow'],
        (item) => item,
        async (item) => {
          if (item === 'fail') throw new Error('boom');
          await tick();
          finished.push(item);
        },
      ),
    ).rejects.toThrow('boom');
    expect(finished).toEqual(['slow']);
  });
});
