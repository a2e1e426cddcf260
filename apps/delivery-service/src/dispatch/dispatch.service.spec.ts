import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import { Topics, deliveryIdFor, type WebhookState } from '@hookline/contracts';
import type { OutputSink, TopicBatch } from '@hookline/kafka';
import { jobCreatedEvent, testDeliveryConfig, testSecretBox, webhookFixture } from '../../test/fixtures';
import type { DeliveryJob } from '../pipeline/delivery-job';
import type { DeliveryService } from '../pipeline/delivery.service';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import type { RetryTask } from '../pipeline/retry-task';
import type { RoutingService } from '../routing/routing.service';
import { DispatchService } from './dispatch.service';

describe(DispatchService.name, () => {
  const box = testSecretBox();
  const config = testDeliveryConfig({ DELIVERY_TARGET_WAIT_MS: '50' });
  const first = webhookFixture(box, { events: ['*'] }).state;
  const second = webhookFixture(box, { events: ['*'] }).state;
  let delivered: DeliveryJob[];
  let published: TopicBatch[][];
  let deliver: jest.Mock;
  let held: WebhookState[];
  let routing: RoutingService;
  let metrics: DeliveryMetrics;

  const service = () =>
    new DispatchService(
      routing,
      { deliver } as unknown as DeliveryService,
      { publish: async (batches: TopicBatch[]) => void published.push(batches) } as unknown as OutputSink,
      metrics,
      config,
    );

  beforeEach(() => {
    delivered = [];
    published = [];
    held = [first, second];
    deliver = jest.fn(async (job: DeliveryJob) => void delivered.push(job));
    metrics = new DeliveryMetrics(new Registry());
    routing = {
      matchEndpoints: () => held,
      webhook: (id: string) => held.find((webhook) => webhook.id === id) ?? null,
      waitForWebhook: async (id: string) => held.find((webhook) => webhook.id === id) ?? null,
    } as unknown as RoutingService;
  });

  it('attempts the event once per matching webhook, as attempt 1 of a derived delivery id', async () => {
    const event = jobCreatedEvent();
    await service().dispatch(event);
    expect(delivered.map((job) => [job.deliveryId, job.attempt, job.mode])).toEqual([
      [deliveryIdFor(event.id, first.id), 1, 'scheduled'],
      [deliveryIdFor(event.id, second.id), 1, 'scheduled'],
    ]);
    expect(delivered[0].payload).toBe(delivered[1].payload);
  });

  it('delivers one subject to one webhook one at a time, in order, across calls', async () => {
    held = [first];
    const log: string[] = [];
    deliver.mockImplementation(async (job: DeliveryJob) => {
      log.push(`start ${job.event.id}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${job.event.id}`);
    });
    const events = [jobCreatedEvent({ subject: 'job_1' }), jobCreatedEvent({ subject: 'job_1' })];
    const dispatcher = service();
    await Promise.all(events.map((event) => dispatcher.dispatch(event)));
    expect(log).toEqual([
      `start ${events[0].id}`,
      `end ${events[0].id}`,
      `start ${events[1].id}`,
      `end ${events[1].id}`,
    ]);
  });

  it('hands deliveries to ordered webhooks to their lane instead of attempting them', async () => {
    const ordered = webhookFixture(box, { ordered: true }).state;
    held = [ordered, first];
    const event = jobCreatedEvent();
    await service().dispatch(event);
    expect(delivered.map((job) => job.webhook.id)).toEqual([first.id]);
    expect(published).toHaveLength(1);
    expect(published[0][0].topic).toBe(Topics.deliveries);
    expect(published[0][0].messages[0].key).toBe(ordered.id);
    expect(published[0][0].messages[0].value as RetryTask).toMatchObject({
      deliveryId: deliveryIdFor(event.id, ordered.id),
      webhookId: ordered.id,
      attempt: 1,
      // A first attempt on the lane is a delivery, not a retry.
      reason: 'deliver',
    });
  });

  it('sends a targeted event to its target only, whatever it subscribes to and even when inactive', async () => {
    const target = webhookFixture(box, { events: ['estimate.created'], active: false }).state;
    held = [first, target];
    const event = jobCreatedEvent({ target: { webhookId: target.id, minVersion: 1 } });
    await service().dispatch(event);
    expect(delivered.map((job) => job.webhook.id)).toEqual([target.id]);
  });

  it('drops a targeted event whose webhook is unknown or of another organization, with a warning and a metric', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const foreign = webhookFixture(box, { organizationId: 'org_other' }).state;
    held = [foreign];
    await service().dispatch(jobCreatedEvent({ target: { webhookId: 'wh_gone', minVersion: 1 } }));
    await service().dispatch(jobCreatedEvent({ target: { webhookId: foreign.id, minVersion: 1 } }));
    expect(delivered).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('wh_gone is unknown'));
    const dropped = await metrics.dropped.get();
    expect(dropped.values.find((value) => value.labels.reason === 'target_unknown')?.value).toBe(1);
    expect(dropped.values.find((value) => value.labels.reason === 'target_other_organization')?.value).toBe(
      1,
    );
    warn.mockRestore();
  });

  it('does nothing when no webhook matches', async () => {
    held = [];
    await service().dispatch(jobCreatedEvent());
    expect(delivered).toEqual([]);
    expect(published).toEqual([]);
  });

  it('rejects when a delivery could not be recorded, so the message is read again', async () => {
    deliver.mockRejectedValue(new Error('broker down'));
    await expect(service().dispatch(jobCreatedEvent())).rejects.toThrow('broker down');
  });

  it('names the recipients of an event up front, and dispatches to those it was given', async () => {
    const event = jobCreatedEvent();
    expect(service().recipientsOf(event)).toEqual([first, second]);
    expect(service().recipientsOf({ ...event, target: { webhookId: first.id, minVersion: 1 } })).toBeNull();
    await service().dispatch(event, [second]);
    expect(delivered.map((job) => job.webhook.id)).toEqual([second.id]);
    held = [];
    expect(service().recipientsOf(event)).toEqual([]);
  });
});
