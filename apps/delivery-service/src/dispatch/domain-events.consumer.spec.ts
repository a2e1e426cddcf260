import { Logger } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { Registry } from 'prom-client';
import { KafkaHeaders, Topics } from '@hookline/contracts';
import {
  KafkaBatchConsumer,
  createKafka,
  type ConsumedBatch,
  type KafkaPublisher,
  type OutgoingMessage,
} from '@hookline/kafka';
import { DeliveryEnv } from '../config/delivery.env';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import type { RoutingService } from '../routing/routing.service';
import { jobCreatedEvent } from '../../test/fixtures';
import type { DispatchService } from './dispatch.service';
import { DomainEventsConsumer } from './domain-events.consumer';

const flush = () => new Promise((resolve) => setImmediate(resolve));

function message(value: string | null, offset: number): KafkaMessage {
  return {
    key: Buffer.from('org_a:job_1'),
    value: value === null ? null : Buffer.from(value),
    offset: String(offset),
    timestamp: '0',
    attributes: 0,
    headers: {},
  };
}

describe(DomainEventsConsumer.name, () => {
  const kafka = createKafka({ brokers: ['127.0.0.1:1'], clientId: 'consumer-spec', logLevel: 'nothing' });
  const config = Object.assign(new DeliveryEnv(), {
    KAFKA_BROKERS: 'x',
    DELIVERY_CONSUMER_GROUP: 'group-spec',
  });
  let releaseRouting: () => void;
  let routing: RoutingService;
  let sent: Array<{ topic: string; messages: OutgoingMessage[] }>;
  let publisher: KafkaPublisher;
  let dispatcher: DispatchService;
  let start: jest.SpyInstance;
  let running: boolean;
  let joined: boolean;

  beforeEach(() => {
    running = false;
    joined = false;
    start = jest.spyOn(KafkaBatchConsumer.prototype, 'start').mockImplementation(async () => {
      running = true;
    });
    jest.spyOn(KafkaBatchConsumer.prototype, 'isRunning', 'get').mockImplementation(() => running);
    jest.spyOn(KafkaBatchConsumer.prototype, 'hasJoined', 'get').mockImplementation(() => joined);
    jest.spyOn(KafkaBatchConsumer.prototype, 'stop').mockImplementation(async () => {
      running = false;
    });
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    routing = {
      ready: new Promise<void>((resolve) => (releaseRouting = resolve)),
    } as unknown as RoutingService;
    sent = [];
    publisher = {
      send: jest.fn(async (topic: string, messages: OutgoingMessage[]) => {
        sent.push({ topic, messages });
        return [];
      }),
    } as unknown as KafkaPublisher;
    dispatcher = { dispatch: jest.fn(async () => ({ deliveries: 0 })) } as unknown as DispatchService;
  });

  afterEach(() => jest.restoreAllMocks());

  const create = () =>
    new DomainEventsConsumer(
      kafka,
      publisher,
      routing,
      dispatcher,
      new DeliveryMetrics(new Registry()),
      config,
    );

  it('starts consuming only once the routing table has caught up', async () => {
    const consumer = create();
    consumer.onApplicationBootstrap();
    await flush();

    expect(start).not.toHaveBeenCalled();
    await expect(consumer.check()).rejects.toThrow('waiting for the routing table');

    releaseRouting();
    await flush();
    expect(start).toHaveBeenCalledTimes(1);
    await expect(consumer.check()).rejects.toThrow('has not joined its group yet');
    joined = true;
    await expect(consumer.check()).resolves.toBeUndefined();
    await consumer.onModuleDestroy();
    expect(running).toBe(false);
  });

  it('stops cleanly while still waiting for the routing table', async () => {
    const consumer = create();
    consumer.onApplicationBootstrap();

    await consumer.onModuleDestroy();
    releaseRouting();
    await flush();
    expect(start).not.toHaveBeenCalled();
  });

  it('parks unparseable and invalid messages on the DLQ with the reason and dispatches the valid ones', async () => {
    const consumer = create();
    const valid = jobCreatedEvent();
    const batch: ConsumedBatch = {
      topic: 'domain.job.v1',
      partition: 3,
      messages: [
        message('{oops', 10),
        message(JSON.stringify({ ...valid, id: 'evt_other', subject: undefined }), 11),
        message(null, 12),
        message(JSON.stringify(valid), 13),
      ],
      heartbeat: jest.fn(),
      isRunning: () => true,
    };

    await consumer['handleBatch'](batch);

    expect(sent).toHaveLength(1);
    expect(sent[0].topic).toBe(Topics.dlq);
    expect(sent[0].messages.map((letter) => letter.headers?.[KafkaHeaders.dlqReason])).toEqual([
      expect.stringContaining('not valid JSON'),
      expect.stringContaining('subject'),
      'message has no value',
    ]);
    expect(sent[0].messages[0].headers).toMatchObject({
      [KafkaHeaders.dlqSourceTopic]: 'domain.job.v1',
      [KafkaHeaders.dlqSourcePartition]: '3',
      [KafkaHeaders.dlqSourceOffset]: '10',
    });
    expect(dispatcher.dispatch).toHaveBeenCalledWith(
      [expect.objectContaining({ id: valid.id })],
      batch.heartbeat,
    );
  });

  it('fails the batch (to be re-read) when the DLQ write is not acknowledged', async () => {
    publisher.send = jest.fn().mockRejectedValue(new Error('broker down'));
    const consumer = create();
    const batch: ConsumedBatch = {
      topic: 'domain.job.v1',
      partition: 0,
      messages: [message('{oops', 1)],
      heartbeat: jest.fn(),
      isRunning: () => true,
    };

    await expect(consumer['handleBatch'](batch)).rejects.toThrow('broker down');
    expect(dispatcher.dispatch).not.toHaveBeenCalled();
  });
});
