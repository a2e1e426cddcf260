import { PeriodicJob } from './periodic-job';

class CountingJob extends PeriodicJob {
  runs = 0;

  constructor(firstRunAfterMs?: number) {
    super({ name: 'counting', intervalMs: 1_000, firstRunAfterMs });
  }

  async runOnce(): Promise<void> {
    this.runs += 1;
  }
}

describe(PeriodicJob.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs from bootstrap on, first after one interval, and not after shutdown', async () => {
    const job = new CountingJob();
    job.onApplicationBootstrap();

    await jest.advanceTimersByTimeAsync(999);
    expect(job.runs).toBe(0);
    await jest.advanceTimersByTimeAsync(1_001);
    expect(job.runs).toBe(2);

    await job.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(job.runs).toBe(2);
  });

  it('runs first after the delay of its schedule', async () => {
    const job = new CountingJob(0);
    job.onApplicationBootstrap();

    await jest.advanceTimersByTimeAsync(0);
    expect(job.runs).toBe(1);
    await job.beforeApplicationShutdown();
  });
});
