import { Logger } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { Registry } from 'prom-client';
import { KafkaHeaders, Topics, type WebhookState } from '@hookline/contracts';
import {
  TrackedConsumer,
  createKafka,
  type IncomingBatch,
  type KafkaPublisher,
  type OutgoingMessage,
} from '@hookline/kafka';
import { DeliveryEnv } from '../config/delivery.env';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import type { RoutingService } from '../routing/routing.service';
import { jobCreatedEvent } from '../../test/fixtures';
import { consumedMessage } from '../../test/kafka-helpers';
import type { DispatchService } from './dispatch.service';
import { DomainEventsConsumer } from './domain-events.consumer';

const flush = () => new Promise((resolve) => setImmediate(resolve));

const message = (value: string | null, offset: number) =>
  consumedMessage(value, { key: 'org_a:job_1', offset });

describe(DomainEventsConsumer.name, () => {
  const recipient = { id: 'wh_recipient' } as WebhookState;
  const kafka = createKafka({ brokers: ['127.0.0.1:1'], clientId: 'consumer-spec', logLevel: 'nothing' });
  const config = Object.assign(new DeliveryEnv(), {
    KAFKA_BROKERS: 'x',
    DELIVERY_CONSUMER_GROUP: 'group-spec',
    DELIVERY_MAX_EVENT_BYTES: 4_096,
  });
  let releaseRouting: () => void;
  let routing: RoutingService;
  let sent: Array<{ topic: string; messages: OutgoingMessage[] }>;
  let publisher: KafkaPublisher;
  let dispatcher: DispatchService;
  let start: jest.SpyInstance;
  let running: boolean;
  let ready: boolean;

  beforeEach(() => {
    running = false;
    ready = false;
    start = jest.spyOn(TrackedConsumer.prototype, 'start').mockImplementation(async () => {
      running = true;
    });
    jest.spyOn(TrackedConsumer.prototype, 'isRunning', 'get').mockImplementation(() => running);
    jest.spyOn(TrackedConsumer.prototype, 'isReady', 'get').mockImplementation(() => ready);
    jest.spyOn(TrackedConsumer.prototype, 'stop').mockImplementation(async () => {
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
    dispatcher = {
      dispatch: jest.fn(async () => undefined),
      recipientsOf: jest.fn((event: { organizationId: string }) =>
        event.organizationId === 'org_nowhere' ? [] : [recipient],
      ),
    } as unknown as DispatchService;
  });

  afterEach(() => jest.restoreAllMocks());

  const create = () =>
    new DomainEventsConsumer(
      { kafka, publisher, routing, metrics: new DeliveryMetrics(new Registry()), config },
      dispatcher,
    );

  const batchOf = (...messages: KafkaMessage[]): IncomingBatch => ({
    topic: 'domain.job.v1',
    partition: 3,
    messages,
  });

  it('starts consuming only once the routing table has caught up, and is ready once it joined', async () => {
    const consumer = create();
    consumer.onApplicationBootstrap();
    await flush();

    expect(start).not.toHaveBeenCalled();
    await expect(consumer.check()).rejects.toThrow('waiting for the routing table');

    releaseRouting();
    await flush();
    expect(start).toHaveBeenCalledTimes(1);
    await expect(consumer.check()).rejects.toThrow('has not joined its group yet');
    ready = true;
    await expect(consumer.check()).resolves.toBeUndefined();
    consumer.onModuleDestroy();
    await consumer.beforeApplicationShutdown();
    expect(running).toBe(false);
  });

  it('on shutdown stops at once, without waiting for the other consumers, with most of SHUTDOWN_TIMEOUT_MS to drain', async () => {
    const stop = jest.spyOn(TrackedConsumer.prototype, 'stop');
    const consumer = create();
    consumer.onApplicationBootstrap();
    releaseRouting();
    await flush();

    consumer.onModuleDestroy();
    await flush();
    expect(stop).toHaveBeenCalledWith(config.SHUTDOWN_TIMEOUT_MS - 2_000);
    await consumer.beforeApplicationShutdown();
    expect(running).toBe(false);
  });

  it('reports a consumer that failed to stop when the application shuts down', async () => {
    jest.spyOn(TrackedConsumer.prototype, 'stop').mockRejectedValue(new Error('commit refused'));
    const consumer = create();
    consumer.onApplicationBootstrap();
    releaseRouting();
    await flush();

    consumer.onModuleDestroy();
    await expect(consumer.beforeApplicationShutdown()).rejects.toThrow(
      'domain-consumer did not stop cleanly: commit refused',
    );
  });

  it('stops cleanly while still waiting for the routing table', async () => {
    const consumer = create();
    consumer.onApplicationBootstrap();

    consumer.onModuleDestroy();
    await consumer.beforeApplicationShutdown();
    releaseRouting();
    await flush();
    expect(start).not.toHaveBeenCalled();
  });

  it('parks unparseable, invalid and oversized messages on the DLQ with the reason and dispatches the valid ones', async () => {
    const consumer = create();
    const valid = jobCreatedEvent();
    const huge = jobCreatedEvent({ data: { ...jobCreatedEvent().data, name: 'x'.repeat(5_000) } });
    const badData = { ...jobCreatedEvent(), data: { ...jobCreatedEvent().data, number: 7 } };
    const batch = batchOf(
      message('{oops', 10),
      message(JSON.stringify({ ...valid, id: 'evt_other', subject: undefined }), 11),
      message(null, 12),
      message(JSON.stringify(huge), 13),
      message(JSON.stringify(badData), 14),
      // Goes nowhere: its data is not checked, it is neither parked nor dispatched.
      message(JSON.stringify({ ...badData, id: 'evt_nowhere', organizationId: 'org_nowhere' }), 15),
      message(JSON.stringify(valid), 16),
      message(JSON.stringify(valid), 17),
    );

    const { taken } = consumer['handleBatch'](batch);
    await Promise.all(taken);

    expect(taken).toHaveLength(8);
    expect(sent).toHaveLength(1);
    expect(sent[0].topic).toBe(Topics.dlq);
    expect(sent[0].messages.map((letter) => letter.headers?.[KafkaHeaders.dlqReason])).toEqual([
      expect.stringContaining('not valid JSON'),
      expect.stringContaining('subject'),
      'message has no value',
      expect.stringMatching(/^message is \d+ bytes, over the 4096-byte limit \(DELIVERY_MAX_EVENT_BYTES\)$/),
      'invalid event: data.number must be a string',
    ]);
    expect(sent[0].messages[0].headers).toMatchObject({
      [KafkaHeaders.dlqSourceTopic]: 'domain.job.v1',
      [KafkaHeaders.dlqSourcePartition]: '3',
      [KafkaHeaders.dlqSourceOffset]: '10',
    });
    // The same event twice in one batch is one delivery.
    expect(dispatcher.dispatch).toHaveBeenCalledTimes(1);
    expect(dispatcher.dispatch).toHaveBeenCalledWith(expect.objectContaining({ id: valid.id }), [recipient]);
  });

  it('does not finish refused messages while the DLQ write is not acknowledged', async () => {
    publisher.send = jest.fn().mockRejectedValue(new Error('broker down'));
    const consumer = create();
    const { taken } = consumer['handleBatch'](batchOf(message('{oops', 1)));
    await expect(taken[0]).rejects.toThrow('broker down');
    expect(dispatcher.dispatch).not.toHaveBeenCalled();
  });
});
