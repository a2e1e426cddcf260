import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import type { KafkaPublisher } from '@hookline/kafka';
import type { ReadinessCheck } from '@hookline/platform';
import { eventually } from '@hookline/testing';
import { ConsumerInfrastructure } from '../common/validated-messages.consumer';
import { SubscriptionEnv } from '../config/subscription.env';
import { EndpointSignalsConsumer } from './endpoint-signals.consumer';
import type { EndpointSignalsService } from './endpoint-signals.service';

/** kafkajs consumers whose `connect` answers what the test says, one consumer per start attempt. */
function fakeKafka(connects: Array<() => Promise<void>>) {
  const consumers: Array<{ run: jest.Mock; disconnect: jest.Mock }> = [];
  const kafka = {
    consumer: () => {
      const connect = connects[consumers.length] ?? (async () => undefined);
      const consumer = {
        events: { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' },
        on: () => undefined,
        connect: jest.fn(connect),
        subscribe: jest.fn(async () => undefined),
        run: jest.fn(async () => undefined),
        disconnect: jest.fn(async () => undefined),
      };
      consumers.push({ run: consumer.run, disconnect: consumer.disconnect });
      return consumer;
    },
  } as unknown as Kafka;
  return { kafka, consumers };
}

/** The consumer on a fake cluster; what it would apply or park is not reached by these cases. */
function consumerOn(kafka: Kafka): EndpointSignalsConsumer {
  return new EndpointSignalsConsumer(
    new ConsumerInfrastructure(kafka, {} as KafkaPublisher, new SubscriptionEnv(), new Registry()),
    {} as EndpointSignalsService,
  );
}

describe(EndpointSignalsConsumer.name, () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('retries a start that failed until one succeeds, and is not ready until then', async () => {
    let connectSecond!: () => void;
    const { kafka, consumers } = fakeKafka([
      async () => {
        throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
      },
      () => new Promise<void>((resolve) => (connectSecond = resolve)),
    ]);
    const consumer = consumerOn(kafka);
    const readiness: ReadinessCheck = consumer;

    consumer.onApplicationBootstrap();
    // The second attempt is under way and has not finished: not ready, and saying why.
    await eventually(() => expect(consumers).toHaveLength(2));
    await expect(readiness.check()).rejects.toThrow('ECONNREFUSED');
    expect(consumers[1].run).not.toHaveBeenCalled();

    connectSecond();
    await eventually(() => expect(consumers[1].run).toHaveBeenCalledTimes(1));
    await eventually(() => expect(readiness.check()).resolves.toBeUndefined());

    consumer.onModuleDestroy();
    await consumer.beforeApplicationShutdown();
    expect(consumers[1].disconnect).toHaveBeenCalled();
    await expect(readiness.check()).rejects.toThrow();
  });

  it('answers readiness under the name the health endpoint shows', () => {
    const { kafka } = fakeKafka([]);
    const consumer = consumerOn(kafka);
    expect((consumer as ReadinessCheck).name).toBe('signals-consumer');
  });
});
