import { whileHeartbeating } from './while-heartbeating';

describe('whileHeartbeating', () => {
  it('heartbeats while the work runs and stops when it is done', async () => {
    const heartbeat = jest.fn(() => Promise.resolve());
    const work = new Promise<string>((resolve) => setTimeout(() => resolve('done'), 60));

    await expect(whileHeartbeating(work, heartbeat, jest.fn(), 10)).resolves.toBe('done');
    const beats = heartbeat.mock.calls.length;
    expect(beats).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(heartbeat).toHaveBeenCalledTimes(beats);
  });

  it('reports a failed heartbeat and still waits for the work', async () => {
    const onError = jest.fn();
    const work = new Promise<string>((resolve) => setTimeout(() => resolve('done'), 40));

    await expect(
      whileHeartbeating(work, () => Promise.reject(new Error('rebalancing')), onError, 10),
    ).resolves.toBe('done');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'rebalancing' }));
  });

  it('rejects with the work’s failure', async () => {
    await expect(
      whileHeartbeating(Promise.reject(new Error('boom')), jest.fn(), jest.fn(), 10),
    ).rejects.toThrow('boom');
  });
});
