import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { WebhookState } from '@hookline/contracts';
import type { OutputSink, TopicBatch } from '@hookline/kafka';
import { jobCreatedEvent, testSecretBox, webhookFixture } from '../../test/fixtures';
import type { DeliveryJob } from '../pipeline/delivery-job';
import { DeliveryService } from '../pipeline/delivery.service';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import type { RoutingService } from '../routing/routing.service';
import { RetryService } from './retry.service';
import type { RetryTask } from '../pipeline/retry-task';

describe(RetryService.name, () => {
  const box = testSecretBox();
  let held: WebhookState[];
  let delivered: DeliveryJob[];
  let published: TopicBatch[][];
  let service: RetryService;

  beforeEach(() => {
    held = [];
    delivered = [];
    published = [];
    const routing = {
      webhook: (id: string) => held.find((webhook) => webhook.id === id) ?? null,
    } as unknown as RoutingService;
    // The pipeline's own `admit` decides; attempting and the cancellation record are recorded here.
    const deliveries = Object.assign(Object.create(DeliveryService.prototype) as DeliveryService, {
      metrics: new DeliveryMetrics(new Registry()),
      logger: new Logger(DeliveryService.name),
      deliver: async (job: DeliveryJob) => void delivered.push(job),
      cancellation: (job: DeliveryJob, why: string) => [
        { topic: 'cancelled', messages: [{ key: job.deliveryId, value: why }] },
      ],
    });
    const sink = {
      publish: async (batches: TopicBatch[]) => void published.push(batches),
    } as unknown as OutputSink;
    service = new RetryService(routing, deliveries, sink, new DeliveryMetrics(new Registry()));
  });

  const taskFor = (
    webhook: Pick<WebhookState, 'id'>,
    dueInMs: number,
    overrides: Partial<RetryTask> = {},
  ): RetryTask => ({
    deliveryId: 'dlv_1',
    webhookId: webhook.id,
    event: jobCreatedEvent(),
    attempt: 3,
    dueAt: new Date(Date.now() + dueInMs).toISOString(),
    reason: 'retry',
    failingSince: '2026-11-22T10:00:00.000Z',
    ...overrides,
  });

  it('moves a task that is not due yet to the tier that fits the time left', async () => {
    const webhook = webhookFixture(box).state;
    held = [webhook];
    await service.handleReleased(taskFor(webhook, 90_000));
    await service.handleReleased(taskFor(webhook, 3_000));
    expect(published.map((batches) => batches[0].topic)).toEqual([
      'hookline.retry.1m.v1',
      'hookline.retry.1s.v1',
    ]);
    expect(delivered).toEqual([]);
  });

  it('attempts a due task as the attempt it carries, with its failure streak', async () => {
    const webhook = webhookFixture(box).state;
    held = [webhook];
    await service.handleReleased(taskFor(webhook, 100));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      deliveryId: 'dlv_1',
      attempt: 3,
      mode: 'scheduled',
      webhook,
      failingSinceMs: Date.parse('2026-11-22T10:00:00.000Z'),
    });
  });

  it('attempts a queued redelivery as a single manual attempt', async () => {
    const webhook = webhookFixture(box).state;
    held = [webhook];
    await service.handleReleased(taskFor(webhook, -5, { reason: 'redeliver' }));
    expect(delivered[0].mode).toBe('manual');
  });

  it('drops the task of a deleted webhook with a warning', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await service.handleReleased(taskFor({ id: 'wh_gone' }, 0));
    expect(delivered).toEqual([]);
    expect(published).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('webhook wh_gone no longer exists'));
    warn.mockRestore();
  });

  it('cancels the retries of a disabled webhook, but not those of its targeted events', async () => {
    const webhook = webhookFixture(box, { active: false }).state;
    held = [webhook];
    await service.handleReleased(taskFor(webhook, 0));
    expect(published).toEqual([
      [{ topic: 'cancelled', messages: [{ key: 'dlv_1', value: expect.stringContaining('disabled') }] }],
    ]);
    await service.handleReleased(
      taskFor(webhook, 0, { event: jobCreatedEvent({ target: { webhookId: webhook.id, minVersion: 1 } }) }),
    );
    expect(delivered).toHaveLength(1);
  });
});
