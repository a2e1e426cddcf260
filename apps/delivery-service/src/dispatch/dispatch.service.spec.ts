import {
  ATTEMPT_EVENT_SCHEMA,
  Topics,
  deliveryIdFor,
  type AttemptEvent,
  type WebhookState,
} from '@hookline/contracts';
import type { KafkaPublisher, OutgoingMessage } from '@hookline/kafka';
import type { AttemptDelivery, AttemptInput, AttemptResult } from '../attempts/attempt-delivery';
import type { RoutingService } from '../routing/routing.service';
import { jobCreatedEvent, testSecretBox, webhookFixture } from '../../test/fixtures';
import { DispatchService } from './dispatch.service';

function resultFor(outcome: AttemptResult['outcome'], status: number | null): AttemptResult {
  return {
    attemptId: `att_${Math.random()}`,
    startedAt: new Date(),
    durationMs: 5,
    requestHeaders: {},
    responseStatus: status,
    responseHeaders: status === null ? null : {},
    responseBody: status === null ? null : '',
    responseBodyTruncated: false,
    outcome,
    error: null,
  };
}

describe(DispatchService.name, () => {
  const box = testSecretBox();
  const first = webhookFixture(box).state;
  const second = webhookFixture(box).state;
  let sent: Array<{ topic: string; messages: OutgoingMessage[] }>;
  let publisher: KafkaPublisher;
  let routing: RoutingService;

  beforeEach(() => {
    sent = [];
    publisher = {
      send: jest.fn(async (topic: string, messages: OutgoingMessage[]) => {
        sent.push({ topic, messages });
        return [];
      }),
    } as unknown as KafkaPublisher;
    routing = { matchEndpoints: (): WebhookState[] => [first, second] } as unknown as RoutingService;
  });

  it('attempts every delivery of the batch and publishes their attempt events in one send', async () => {
    const attempts = {
      execute: jest.fn(async (input: AttemptInput) =>
        input.webhook.id === first.id ? resultFor('success', 200) : resultFor('http_5xx', 503),
      ),
    } as unknown as AttemptDelivery;
    const events = [jobCreatedEvent(), jobCreatedEvent()];

    await expect(
      new DispatchService(routing, attempts, publisher).dispatch(events, jest.fn()),
    ).resolves.toEqual({
      deliveries: 4,
    });

    expect(sent).toHaveLength(1);
    expect(sent[0].topic).toBe(Topics.attempts);
    expect(sent[0].messages.map((message) => message.key)).toEqual([
      deliveryIdFor(events[0].id, first.id),
      deliveryIdFor(events[0].id, second.id),
      deliveryIdFor(events[1].id, first.id),
      deliveryIdFor(events[1].id, second.id),
    ]);
    expect(sent[0].messages[0].headers).toEqual({ 'hookline-schema': ATTEMPT_EVENT_SCHEMA });
    const values = sent[0].messages.map((message) => message.value as AttemptEvent);
    expect(values.map((value) => [value.outcome, value.deliveryStatus])).toEqual([
      ['success', 'succeeded'],
      ['http_5xx', 'failed'],
      ['success', 'succeeded'],
      ['http_5xx', 'failed'],
    ]);
  });

  it('delivers events of one subject to one webhook in order, one at a time', async () => {
    routing = { matchEndpoints: (): WebhookState[] => [first] } as unknown as RoutingService;
    const log: string[] = [];
    const attempts = {
      execute: jest.fn(async (input: AttemptInput) => {
        log.push(`start ${input.event.id}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`end ${input.event.id}`);
        return resultFor('success', 200);
      }),
    } as unknown as AttemptDelivery;
    const events = [jobCreatedEvent({ subject: 'job_1' }), jobCreatedEvent({ subject: 'job_1' })];

    await new DispatchService(routing, attempts, publisher).dispatch(events, jest.fn());

    expect(log).toEqual([
      `start ${events[0].id}`,
      `end ${events[0].id}`,
      `start ${events[1].id}`,
      `end ${events[1].id}`,
    ]);
  });

  it('publishes nothing when no webhook matches', async () => {
    routing = { matchEndpoints: (): WebhookState[] => [] } as unknown as RoutingService;
    const attempts = { execute: jest.fn() } as unknown as AttemptDelivery;

    await expect(
      new DispatchService(routing, attempts, publisher).dispatch([jobCreatedEvent()], jest.fn()),
    ).resolves.toEqual({
      deliveries: 0,
    });
    expect(sent).toEqual([]);
  });

  it('rejects when Kafka does not acknowledge the attempt events, so the batch is not committed', async () => {
    publisher = { send: jest.fn().mockRejectedValue(new Error('broker down')) } as unknown as KafkaPublisher;
    const attempts = {
      execute: jest.fn(async () => resultFor('success', 200)),
    } as unknown as AttemptDelivery;

    await expect(
      new DispatchService(routing, attempts, publisher).dispatch([jobCreatedEvent()], jest.fn()),
    ).rejects.toThrow('broker down');
  });
});
