import type { ConsumerConfig, Kafka } from 'kafkajs';
import { eventually } from '@hookline/testing';
import { KafkaBatchConsumer } from './batch-consumer';

type Listener = (event: { payload: { restart: boolean; error: Error } }) => void;

function fakeKafka() {
  const consumers: Array<{ listeners: Map<string, Listener>; run: jest.Mock; disconnect: jest.Mock }> = [];
  const configs: ConsumerConfig[] = [];
  const kafka = {
    consumer: (config: ConsumerConfig) => {
      configs.push(config);
      const listeners = new Map<string, Listener>();
      const consumer = {
        events: { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' },
        on: (name: string, listener: Listener) => listeners.set(name, listener),
        connect: jest.fn(async () => undefined),
        subscribe: jest.fn(async () => undefined),
        run: jest.fn(async () => undefined),
        disconnect: jest.fn(async () => undefined),
      };
      consumers.push({ listeners, run: consumer.run, disconnect: consumer.disconnect });
      return consumer;
    },
  } as unknown as Kafka;
  return { kafka, consumers, configs };
}

describe(KafkaBatchConsumer.name, () => {
  it('replaces a consumer that kafkajs will not restart, and reports the crash', async () => {
    const { kafka, consumers } = fakeKafka();
    const crashes: string[] = [];
    const consumer = new KafkaBatchConsumer(kafka, {
      groupId: 'g',
      topics: ['t'],
      handleBatch: async () => undefined,
      onCrash: (error) => crashes.push(error.message),
      restartDelayMs: 0,
    });
    await consumer.start();
    consumers[0].listeners.get('consumer.crash')?.({
      payload: { restart: false, error: new Error('request is not a function') },
    });

    await eventually(() => expect(consumers).toHaveLength(2));
    await eventually(() => expect(consumers[1].run).toHaveBeenCalledTimes(1));
    expect(consumers[0].disconnect).toHaveBeenCalled();
    expect(crashes).toEqual(['request is not a function']);
    await consumer.stop();
  });

  it('leaves restartable crashes to kafkajs and does nothing after stop', async () => {
    const { kafka, consumers } = fakeKafka();
    const consumer = new KafkaBatchConsumer(kafka, {
      groupId: 'g',
      topics: ['t'],
      handleBatch: async () => undefined,
      restartDelayMs: 0,
    });
    await consumer.start();
    consumers[0].listeners.get('consumer.crash')?.({
      payload: { restart: true, error: new Error('retriable') },
    });
    await consumer.stop();
    consumers[0].listeners.get('consumer.crash')?.({ payload: { restart: false, error: new Error('late') } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(consumers).toHaveLength(1);
  });

  it('hands fetch sizes and partition concurrency to kafkajs', async () => {
    const { kafka, consumers, configs } = fakeKafka();
    const consumer = new KafkaBatchConsumer(kafka, {
      groupId: 'g',
      topics: ['t'],
      handleBatch: async () => undefined,
      partitionsConsumedConcurrently: 4,
      minBytes: 65_536,
      maxWaitTimeInMs: 250,
    });
    await consumer.start();

    expect(configs[0]).toMatchObject({ groupId: 'g', minBytes: 65_536, maxWaitTimeInMs: 250 });
    expect(consumers[0].run).toHaveBeenCalledWith(
      expect.objectContaining({ partitionsConsumedConcurrently: 4 }),
    );
    await consumer.stop();
  });
});
