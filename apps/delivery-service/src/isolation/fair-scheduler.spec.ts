import { FairScheduler, type Release } from './fair-scheduler';

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe(FairScheduler.name, () => {
  it('serves waiting organizations in turn: a flood does not starve a late, small one', async () => {
    const scheduler = new FairScheduler(1, 1);
    const served: string[] = [];
    const releases: Release[] = [];
    const request = (group: string, name: string) =>
      void scheduler.acquire(group).then((release) => {
        served.push(name);
        releases.push(release);
      });
    for (let index = 1; index <= 6; index += 1) {
      request('org_flood', `flood${index}`);
    }
    request('org_small', 'small1');
    request('org_small', 'small2');
    request('org_other', 'other1');
    await flush();
    while (served.length < 9) {
      releases.shift()?.();
      await flush();
    }
    expect(served).toEqual([
      'flood1',
      'flood2',
      'small1',
      'other1',
      'flood3',
      'small2',
      'flood4',
      'flood5',
      'flood6',
    ]);
  });

  it('never grants one organization more than its share, leaving slots for the others', async () => {
    const scheduler = new FairScheduler(4, 2);
    const flood: Release[] = [];
    for (let index = 0; index < 10; index += 1) {
      void scheduler.acquire('org_a').then((release) => flood.push(release));
    }
    await flush();
    expect(flood).toHaveLength(2);
    expect(scheduler.inUse).toBe(2);

    const others: Release[] = [];
    void scheduler.acquire('org_b').then((release) => others.push(release));
    void scheduler.acquire('org_c').then((release) => others.push(release));
    await flush();
    expect(others).toHaveLength(2);
    expect(scheduler.inUse).toBe(4);

    flood[0]();
    await flush();
    expect(flood).toHaveLength(3);
    expect(scheduler.queued).toBe(7);
  });

  it('counts a release once and runs work under a slot', async () => {
    const scheduler = new FairScheduler(1, 1);
    const release = await scheduler.acquire('org_a');
    release();
    release();
    expect(scheduler.inUse).toBe(0);
    await expect(scheduler.use('org_a', async () => scheduler.inUse)).resolves.toBe(1);
    expect(scheduler.inUse).toBe(0);
    await expect(scheduler.use('org_a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(scheduler.inUse).toBe(0);
    expect(() => new FairScheduler(0, 1)).toThrow(RangeError);
  });
});
