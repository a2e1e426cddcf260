import type { FailureStreak } from '@hookline/kafka';
import { eventually } from '@hookline/testing';
import {
  ConsumerLifecycle,
  type ConsumerLifecycleOptions,
  type LifecycleConsumer,
} from './consumer-lifecycle';

/** A consumer whose start attempts fail, succeed or hang as each test says, in order. */
class ScriptedConsumer implements LifecycleConsumer {
  isRunning = false;
  isReady?: boolean;
  failureStreak?: FailureStreak | null;
  readonly starts: Array<{ settle(error?: Error): void }> = [];
  readonly stops: number[] = [];

  start(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.isRunning = true;
      this.starts.push({
        settle: (error) => (error ? reject(error) : resolve()),
      });
    });
  }

  async stop(drainMs = 5_000): Promise<void> {
    this.stops.push(drainMs);
    this.isRunning = false;
  }
}

/** A scripted consumer's lifecycle, begun, with the lines it logged. */
function begun(options: Omit<ConsumerLifecycleOptions, 'log'>) {
  const consumer = new ScriptedConsumer();
  const lines: string[] = [];
  const log = { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
  const lifecycle = new ConsumerLifecycle(consumer, { ...options, log });
  lifecycle.begin();
  return { consumer, lifecycle, lines };
}

const firstStartAttempt = (consumer: ScriptedConsumer) =>
  eventually(() => expect(consumer.starts).toHaveLength(1));

/** A prerequisite that resolves when the test says. */
function prerequisite(waitingFor: string) {
  let release!: () => void;
  const ready = new Promise<void>((resolve) => (release = resolve));
  return { prerequisite: { ready, waitingFor }, release };
}

const backoff = { initialMs: 10, maxMs: 40 };

describe(ConsumerLifecycle.name, () => {
  it('retries a failed start with a growing delay until one succeeds, and is not ready until then', async () => {
    const { consumer, lifecycle, lines } = begun({ name: 'signals-consumer', backoff });

    await expect(lifecycle.check()).rejects.toThrow('signals consumer not started');
    for (const attempt of [1, 2, 3, 4]) {
      await eventually(() => expect(consumer.starts).toHaveLength(attempt));
      consumer.starts[attempt - 1].settle(new Error(`broker down ${attempt}`));
      await eventually(() =>
        expect(lifecycle.check()).rejects.toThrow(
          `signals consumer failed to start (retrying): broker down ${attempt}`,
        ),
      );
    }
    await eventually(() => expect(consumer.starts).toHaveLength(5));
    // What each failed attempt left connected was let go before the next.
    expect(consumer.stops).toEqual([0, 0, 0, 0]);
    await expect(lifecycle.check()).rejects.toThrow('broker down 4');

    consumer.starts[4].settle();
    await eventually(() => expect(lifecycle.check()).resolves.toBeUndefined());
    expect(lines.filter((line) => line.includes('trying again'))).toEqual([
      'signals consumer failed to start (attempt 1), trying again in 10 ms: broker down 1',
      'signals consumer failed to start (attempt 2), trying again in 20 ms: broker down 2',
      'signals consumer failed to start (attempt 3), trying again in 40 ms: broker down 3',
      'signals consumer failed to start (attempt 4), trying again in 40 ms: broker down 4',
    ]);
    expect(lines).toContain('Signals consumer started');

    await lifecycle.end(1_234);
    expect(consumer.stops).toEqual([0, 0, 0, 0, 1_234]);
    await expect(lifecycle.check()).rejects.toThrow('not started');
  });

  it('stops retrying once the service shuts down', async () => {
    const { consumer, lifecycle } = begun({
      name: 'attempts-consumer',
      backoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    await firstStartAttempt(consumer);
    consumer.starts[0].settle(new Error('broker down'));
    await eventually(() => expect(lifecycle.check()).rejects.toThrow('(retrying)'));

    // Within the minute's delay: shutdown ends it at once, and no attempt follows.
    await lifecycle.end(1_000);
    expect(consumer.starts).toHaveLength(1);
    expect(consumer.stops).toEqual([0]);
    await expect(lifecycle.check()).rejects.toThrow('attempts consumer failed to start: broker down');
  });

  it('waits for a start attempt under way before stopping the consumer it started', async () => {
    const { consumer, lifecycle } = begun({ name: 'attempts-consumer', backoff });
    await firstStartAttempt(consumer);

    let ended = false;
    const ending = lifecycle.end(500).then(() => (ended = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(false);
    consumer.starts[0].settle();
    await ending;
    expect(consumer.stops).toEqual([500]);
    expect(consumer.starts).toHaveLength(1);
  });

  it('starts only once the prerequisite resolved, and says what it waits for', async () => {
    const { prerequisite: waitForTable, release } = prerequisite('the routing table');
    const { consumer, lifecycle, lines } = begun({
      name: 'domain-consumer',
      backoff,
      prerequisite: waitForTable,
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(consumer.starts).toHaveLength(0);
    await expect(lifecycle.check()).rejects.toThrow(
      'domain consumer not started (waiting for the routing table)',
    );

    release();
    await firstStartAttempt(consumer);
    consumer.starts[0].settle();
    await eventually(() => expect(lifecycle.check()).resolves.toBeUndefined());
    expect(lines).toContain('Domain consumer started (the routing table is ready)');
    await lifecycle.end(100);
  });

  it('never starts when shut down while still waiting for the prerequisite', async () => {
    const { prerequisite: waitForTable, release } = prerequisite('the routing table');
    const { consumer, lifecycle } = begun({ name: 'domain-consumer', prerequisite: waitForTable });
    await lifecycle.end(100);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(consumer.starts).toHaveLength(0);
    expect(consumer.stops).toEqual([]);
  });

  it('is not ready while the consumer has not joined, nor once it has failed for the stall time', async () => {
    const { consumer, lifecycle } = begun({ name: 'retry-consumer', backoff, stallMs: 30_000 });
    consumer.isReady = false;
    consumer.failureStreak = null;
    await firstStartAttempt(consumer);
    consumer.starts[0].settle();

    await eventually(() =>
      expect(lifecycle.check()).rejects.toThrow('retry consumer has not joined its group yet'),
    );
    consumer.isReady = true;
    await expect(lifecycle.check()).resolves.toBeUndefined();
    consumer.failureStreak = { since: Date.now() - 5_000, failures: 2, lastError: 'deadlock detected' };
    await expect(lifecycle.check()).resolves.toBeUndefined();
    consumer.failureStreak = { since: Date.now() - 31_000, failures: 9, lastError: 'deadlock detected' };
    await expect(lifecycle.check()).rejects.toThrow('not advancing for 31 s (9 failures): deadlock detected');
    await lifecycle.end(100);
  });
});
