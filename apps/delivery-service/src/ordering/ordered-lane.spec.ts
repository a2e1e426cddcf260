import type { TopicBatch } from '@hookline/kafka';
import { jobCreatedEvent } from '../../test/fixtures';
import type { RetryTask } from '../pipeline/retry-task';
import { OrderedLane, type LaneStep } from './ordered-lane';

/** Lets `ms` of fake time pass, then settles every promise that became ready. */
const tick = async (ms = 0) => {
  for (let round = 0; round < 3; round += 1) {
    jest.advanceTimersByTime(round === 0 ? ms : 0);
    for (let index = 0; index < 10; index += 1) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
};

function task(deliveryId: string, subject: string, overrides: Partial<RetryTask> = {}): RetryTask {
  return {
    deliveryId,
    webhookId: 'wh_1',
    event: jobCreatedEvent({ subject }),
    attempt: 1,
    dueAt: new Date(0).toISOString(),
    reason: 'retry',
    failingSince: null,
    ...overrides,
  };
}

/** A lane whose deliveries answer from a script, recording runs and writes. */
function harness(script: (task: RetryTask) => LaneStep | Promise<LaneStep>) {
  const runs: string[] = [];
  const copies: RetryTask[][] = [];
  const outputs: TopicBatch[][] = [];
  let failPublish: Error | null = null;
  const lane = new OrderedLane({
    run: async (current) => {
      runs.push(`${current.deliveryId}#${current.attempt}`);
      return script(current);
    },
    publish: async (written, written2) => {
      if (failPublish) {
        throw failPublish;
      }
      outputs.push(written);
      if (written2.length > 0) {
        copies.push(written2);
      }
    },
    log: { error: () => undefined },
  });
  return {
    lane,
    runs,
    copies,
    outputs,
    failNextPublishes: (error: Error | null) => (failPublish = error),
  };
}

const finished: LaneStep = { kind: 'finished', outputs: [] };

describe(OrderedLane.name, () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('runs one subject strictly in order and other subjects independently', async () => {
    let releaseFirst!: () => void;
    const { lane, runs } = harness(async (current) => {
      if (current.deliveryId === 'a1') {
        await new Promise<void>((resolve) => (releaseFirst = resolve));
      }
      return finished;
    });
    const a1 = lane.accept(task('a1', 'job_a'), '0');
    const a2 = lane.accept(task('a2', 'job_a'), '1');
    const b1 = lane.accept(task('b1', 'job_b'), '2');
    await tick();
    expect(runs).toEqual(['a1#1', 'b1#1']);
    await b1;
    releaseFirst();
    await tick();
    await Promise.all([a1, a2]);
    expect(runs).toEqual(['a1#1', 'b1#1', 'a2#1']);
    expect(lane.waiting).toBe(0);
  });

  it('holds later deliveries while the first one is retried, and rewrites the subject in order at each retry', async () => {
    const failuresLeft = new Map([['a1', 2]]);
    const { lane, runs, copies } = harness((current) => {
      const left = failuresLeft.get(current.deliveryId) ?? 0;
      if (left === 0) {
        return finished;
      }
      failuresLeft.set(current.deliveryId, left - 1);
      return {
        kind: 'retry',
        outputs: [],
        task: { ...current, attempt: current.attempt + 1, dueAt: new Date(Date.now() + 1_000).toISOString() },
      };
    });
    const settled: string[] = [];
    const track = (name: string, promise: Promise<void>) => void promise.then(() => settled.push(name));
    track('a1@0', lane.accept(task('a1', 'job_a'), '0'));
    track('a2@1', lane.accept(task('a2', 'job_a'), '1'));
    track('a3@2', lane.accept(task('a3', 'job_a'), '2'));
    await tick();
    expect(runs).toEqual(['a1#1']);
    expect(copies.map((written) => written.map((copy) => `${copy.deliveryId}#${copy.attempt}`))).toEqual([
      ['a1#2', 'a2#1', 'a3#1'],
    ]);
    // The originals are finished once their copies are written: the commit can move past them.
    expect(settled.sort()).toEqual(['a1@0', 'a2@1', 'a3@2']);

    // The copies come back from the lane; nothing runs before the retry is due.
    track('a1@3', lane.accept(copies[0][0], '3'));
    track('a2@4', lane.accept(copies[0][1], '4'));
    track('a3@5', lane.accept(copies[0][2], '5'));
    await tick();
    expect(runs).toEqual(['a1#1']);

    await tick(1_000);
    expect(runs).toEqual(['a1#1', 'a1#2']);
    expect(copies).toHaveLength(2);
    await tick(1_000);
    expect(runs).toEqual(['a1#1', 'a1#2', 'a1#3', 'a2#1', 'a3#1']);
    expect(lane.waiting).toBe(0);
  });

  it('writes again a later delivery that a newer copy of an earlier one overtook on the lane', async () => {
    let failed = false;
    const { lane, copies } = harness((current) => {
      if (current.deliveryId !== 'a1' || failed) {
        return finished;
      }
      failed = true;
      return {
        kind: 'retry',
        outputs: [],
        task: { ...current, attempt: 2, dueAt: new Date(Date.now() + 60_000).toISOString() },
      };
    });
    void lane.accept(task('a1', 'job_a'), '0');
    await tick();
    expect(copies).toHaveLength(1);
    // a2 was written before a1's copy landed (offset 5 < 7): a restart would read it first.
    void lane.accept(task('a2', 'job_a'), '5');
    void lane.accept(copies[0][0], '7');
    await tick();
    expect(copies).toHaveLength(2);
    expect(copies[1].map((copy) => copy.deliveryId)).toEqual(['a2']);
    // Its own copy coming back (offset 8, behind 7) needs nothing more.
    void lane.accept(copies[1][0], '8');
    await tick();
    expect(copies).toHaveLength(2);
  });

  it('defers in place without writing anything', async () => {
    let deferred = false;
    const { lane, runs, outputs } = harness(() => {
      if (deferred) {
        return finished;
      }
      deferred = true;
      return { kind: 'deferred', dueAtMs: Date.now() + 5_000 };
    });
    const done = lane.accept(task('a1', 'job_a'), '0');
    await tick();
    expect(outputs).toEqual([]);
    await tick(5_000);
    await done;
    expect(runs).toEqual(['a1#1', 'a1#1']);
  });

  it('finishes a delivery it already finished at once (a duplicate on the lane)', async () => {
    const { lane, runs } = harness(() => finished);
    const first = lane.accept(task('a1', 'job_a'), '0');
    await tick();
    await first;
    await lane.accept(task('a1', 'job_a'), '9');
    expect(runs).toEqual(['a1#1']);
  });

  it('fails the messages of a delivery whose outcome cannot be written, so the partition is re-read', async () => {
    const { lane, failNextPublishes } = harness(() => finished);
    failNextPublishes(new Error('broker down'));
    const rejected = expect(lane.accept(task('a1', 'job_a'), '0')).rejects.toThrow('broker down');
    await tick();
    await rejected;
  });

  it('drops everything when closed', async () => {
    const { lane, runs } = harness(() => finished);
    const pending = lane.accept(
      task('a1', 'job_a', { dueAt: new Date(Date.now() + 1_000).toISOString() }),
      '0',
    );
    lane.close();
    await expect(pending).rejects.toThrow('ordered lane closed');
    await expect(lane.accept(task('a2', 'job_a'), '1')).rejects.toThrow('ordered lane closed');
    await tick(1_000);
    expect(runs).toEqual([]);
  });
});
