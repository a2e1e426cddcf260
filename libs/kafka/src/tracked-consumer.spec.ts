import type { Kafka, KafkaMessage } from 'kafkajs';
import { eventually } from '@hookline/testing';
import {
  TrackedConsumer,
  type BatchHandling,
  type IncomingBatch,
  type TrackedConsumerOptions,
} from './tracked-consumer';

type EachBatch = (payload: {
  batch: { topic: string; partition: number; messages: KafkaMessage[]; lastOffset(): string };
  resolveOffset(offset: string): void;
  isRunning(): boolean;
  isStale(): boolean;
}) => Promise<void>;

interface Calls {
  pause: string[];
  resume: string[];
  seek: string[];
  commits: string[];
  resolved: string[];
}

function fakeKafka(committed: Record<string, string>, ends: Record<string, { low: string; high: string }>) {
  const calls: Calls = { pause: [], resume: [], seek: [], commits: [], resolved: [] };
  const listeners = new Map<string, (event: { payload: unknown }) => void>();
  let eachBatch: EachBatch | null = null;
  const describe = (
    list: Array<{ topic: string; partitions?: number[]; partition?: number; offset?: string }>,
  ) =>
    list.flatMap((entry) =>
      entry.partitions
        ? entry.partitions.map((partition) => `${entry.topic}/${partition}`)
        : [`${entry.topic}/${entry.partition}@${entry.offset}`],
    );
  const consumer = {
    events: { GROUP_JOIN: 'join', CRASH: 'crash' },
    on: (name: string, listener: (event: { payload: unknown }) => void) => listeners.set(name, listener),
    connect: async () => undefined,
    subscribe: async () => undefined,
    run: async (options: { eachBatch: EachBatch }) => {
      eachBatch = options.eachBatch;
    },
    pause: (list: Array<{ topic: string; partitions: number[] }>) => calls.pause.push(...describe(list)),
    resume: (list: Array<{ topic: string; partitions: number[] }>) => calls.resume.push(...describe(list)),
    seek: (entry: { topic: string; partition: number; offset: string }) =>
      calls.seek.push(...describe([entry])),
    commitOffsets: async (list: Array<{ topic: string; partition: number; offset: string }>) =>
      void calls.commits.push(...describe(list)),
    disconnect: async () => undefined,
  };
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    fetchOffsets: async ({ topics }: { topics: string[] }) =>
      topics.map((topic) => ({
        topic,
        partitions: [0, 1].map((partition) => ({
          partition,
          offset: committed[`${topic}/${partition}`] ?? '-1',
        })),
      })),
    fetchTopicOffsets: async (topic: string) =>
      [0, 1].map((partition) => ({ partition, ...ends[`${topic}/${partition}`] })),
  };
  const kafka = { consumer: () => consumer, admin: () => admin } as unknown as Kafka;
  return {
    kafka,
    calls,
    join: (assignment: Record<string, number[]>) =>
      listeners.get('join')?.({ payload: { memberAssignment: assignment } }),
    deliver: async (topic: string, partition: number, offsets: string[]) => {
      const messages: KafkaMessage[] = offsets.map((offset) => ({
        offset,
        key: null,
        value: null,
        timestamp: '0',
        attributes: 0,
        headers: {},
      }));
      await eachBatch?.({
        batch: { topic, partition, messages, lastOffset: () => offsets[offsets.length - 1] },
        resolveOffset: (offset) => void calls.resolved.push(`${topic}/${partition}@${offset}`),
        isRunning: () => true,
        isStale: () => false,
      });
    },
  };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe(TrackedConsumer.name, () => {
  const options = (overrides: Partial<TrackedConsumerOptions>): TrackedConsumerOptions => ({
    groupId: 'g',
    topics: ['t'],
    startFrom: 'latest',
    partitionsConsumedConcurrently: 2,
    maxInFlightPerPartition: 100,
    handleBatch: () => ({ taken: [] }),
    onHandlingError: () => undefined,
    log: silent,
    commitIntervalMs: 1,
    ...overrides,
  });

  it('pins where a never-committed partition starts before reading anything, then is ready', async () => {
    const fake = fakeKafka(
      { 't/1': '7' },
      { 't/0': { low: '2', high: '40' }, 't/1': { low: '0', high: '9' } },
    );
    const consumer = new TrackedConsumer(fake.kafka, options({}));
    await consumer.start();
    fake.join({ t: [0, 1] });
    expect(fake.calls.pause).toEqual(['t/0', 't/1']);
    expect(consumer.isReady).toBe(false);
    await eventually(() => expect(consumer.isReady).toBe(true));
    expect(fake.calls.commits).toEqual(['t/0@40']);
    expect(fake.calls.seek).toEqual(['t/0@40']);
    expect(fake.calls.resume).toEqual(['t/0', 't/1']);
  });

  it('lets work finish out of order and commits only up to the first unfinished message', async () => {
    const fake = fakeKafka({ 't/0': '0', 't/1': '0' }, {});
    const work = new Map(['10', '11', '12'].map((offset) => [offset, deferred()]));
    const consumer = new TrackedConsumer(
      fake.kafka,
      options({
        handleBatch: (batch: IncomingBatch): BatchHandling => ({
          taken: batch.messages.map((message) => work.get(message.offset)?.promise ?? Promise.resolve()),
        }),
      }),
    );
    await consumer.start();
    fake.join({ t: [0] });
    await eventually(() => expect(consumer.isReady).toBe(true));

    await fake.deliver('t', 0, ['10', '11', '12']);
    expect(fake.calls.resolved).toEqual(['t/0@12']);
    expect(consumer.inFlight).toBe(3);
    work.get('11')?.resolve();
    work.get('12')?.resolve();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.calls.commits.filter((commit) => commit !== 't/0@10')).toEqual([]);
    work.get('10')?.resolve();
    await eventually(() => expect(fake.calls.commits.at(-1)).toBe('t/0@13'));
    expect(consumer.inFlight).toBe(0);
  });

  it('pauses a partition whose handler took only part of the batch, and reads it again at the asked time', async () => {
    const fake = fakeKafka({ 't/0': '0' }, {});
    const consumer = new TrackedConsumer(
      fake.kafka,
      options({
        handleBatch: (): BatchHandling => ({ taken: [Promise.resolve()], resumeAtMs: Date.now() + 30 }),
      }),
    );
    await consumer.start();
    fake.join({ t: [0] });
    await eventually(() => expect(consumer.isReady).toBe(true));
    fake.calls.pause.length = 0;
    fake.calls.resume.length = 0;

    await fake.deliver('t', 0, ['5', '6', '7']);
    expect(fake.calls.resolved).toEqual(['t/0@5']);
    expect(fake.calls.pause).toEqual(['t/0']);
    await eventually(() => expect(fake.calls.resume).toEqual(['t/0']));
    await eventually(() => expect(fake.calls.commits).toEqual(['t/0@6']));
  });

  it('on a failure, reports it, forgets the partition and reads it again from the first unfinished message', async () => {
    const fake = fakeKafka({ 't/0': '0' }, {});
    const failing = deferred();
    const errors: string[] = [];
    const resets: unknown[] = [];
    const consumer = new TrackedConsumer(
      fake.kafka,
      options({
        handleBatch: (batch: IncomingBatch): BatchHandling => ({
          taken: batch.messages.map((message) =>
            message.offset === '21' ? failing.promise : Promise.resolve(),
          ),
        }),
        onHandlingError: (error, at) => errors.push(`${at.offset}: ${error.message}`),
        onPartitionsReset: (partitions) => resets.push(partitions),
      }),
    );
    await consumer.start();
    fake.join({ t: [0] });
    await eventually(() => expect(consumer.isReady).toBe(true));
    resets.length = 0;

    await fake.deliver('t', 0, ['20', '21', '22']);
    failing.reject(new Error('broker down'));
    await eventually(() => expect(errors).toEqual(['21: broker down']));
    expect(fake.calls.seek).toEqual(['t/0@21']);
    expect(resets).toEqual([[{ topic: 't', partition: 0 }]]);
    expect(fake.calls.pause.at(-1)).toBe('t/0');
    await eventually(() => expect(fake.calls.resume.at(-1)).toBe('t/0'), { timeoutMs: 2_000 });
  });

  it('pauses a partition with too much unfinished work until half of it is done', async () => {
    const fake = fakeKafka({ 't/0': '0' }, {});
    const work = ['1', '2', '3', '4'].map(() => deferred());
    const consumer = new TrackedConsumer(
      fake.kafka,
      options({
        maxInFlightPerPartition: 4,
        handleBatch: (): BatchHandling => ({ taken: work.map((entry) => entry.promise) }),
      }),
    );
    await consumer.start();
    fake.join({ t: [0] });
    await eventually(() => expect(consumer.isReady).toBe(true));
    fake.calls.pause.length = 0;
    fake.calls.resume.length = 0;

    await fake.deliver('t', 0, ['1', '2', '3', '4']);
    expect(fake.calls.pause).toEqual(['t/0']);
    work[0].resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.calls.resume).toEqual([]);
    work[1].resolve();
    await eventually(() => expect(fake.calls.resume).toEqual(['t/0']));
  });
});
