import { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

describe(PeriodicTask.name, () => {
  const logger = new Logger('test');
  let task: PeriodicTask | null = null;

  beforeEach(() => jest.useFakeTimers());

  afterEach(async () => {
    await task?.stop();
    task = null;
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it.each([
    { firstRun: 'after one interval', start: {}, firstRunAfterMs: 1_000 },
    {
      firstRun: 'after the delay it is started with',
      start: { firstRunAfterMs: 5_000 },
      firstRunAfterMs: 5_000,
    },
  ])(
    'runs first $firstRun, then every interval, measured from the end of the previous run',
    async ({ start, firstRunAfterMs }) => {
      const work = jest.fn(async () => undefined);
      task = new PeriodicTask('job', 1_000, work, logger);
      task.start(start);

      await jest.advanceTimersByTimeAsync(firstRunAfterMs - 1);
      expect(work).toHaveBeenCalledTimes(0);
      await jest.advanceTimersByTimeAsync(1);
      expect(work).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(2_000);
      expect(work).toHaveBeenCalledTimes(3);
    },
  );

  it('runs at once when asked to, and never two runs at the same time', async () => {
    let finish!: () => void;
    const work = jest
      .fn(async (): Promise<void> => undefined)
      .mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)));
    task = new PeriodicTask('job', 100, work, logger);
    task.start({ firstRunAfterMs: 0 });

    await jest.advanceTimersByTimeAsync(0);
    const joined = task.runNow();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(work).toHaveBeenCalledTimes(1);
    finish();
    await joined;
    await jest.advanceTimersByTimeAsync(100);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('logs a failed run and runs again as scheduled', async () => {
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const work = jest.fn().mockRejectedValueOnce(new Error('database is down')).mockResolvedValue(undefined);
    task = new PeriodicTask('cleanup', 100, work, logger);
    task.start({ firstRunAfterMs: 0 });

    await jest.advanceTimersByTimeAsync(100);

    expect(error).toHaveBeenCalledWith('cleanup failed, will run again: database is down');
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('stops: no run after stop()', async () => {
    const work = jest.fn(async () => undefined);
    task = new PeriodicTask('job', 100, work, logger);
    task.start();
    await task.stop();

    await jest.advanceTimersByTimeAsync(1_000);

    expect(work).not.toHaveBeenCalled();
  });
});
