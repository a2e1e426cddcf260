import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import { createKafka } from '@hookline/kafka';
import { DeliveryEnv } from '../config/delivery.env';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { testSecretBox, webhookFixture } from '../../test/fixtures';
import { RoutingService } from './routing.service';

describe(RoutingService.name, () => {
  const box = testSecretBox();
  // Never connected: only the record handling is under test.
  const kafka = createKafka({ brokers: ['127.0.0.1:1'], clientId: 'routing-spec', logLevel: 'nothing' });
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value));
  let routing: RoutingService;
  let metrics: DeliveryMetrics;

  beforeEach(() => {
    metrics = new DeliveryMetrics(new Registry());
    routing = new RoutingService(kafka, Object.assign(new DeliveryEnv(), { KAFKA_BROKERS: 'x' }), metrics);
  });

  it('routes an event to the webhooks the records describe, newest version winning', () => {
    const { state } = webhookFixture(box, { organizationId: 'org_a', events: ['job.*'], version: 2 });
    routing.applyRecord(state.id, encode(state));
    routing.applyRecord(state.id, encode({ ...state, version: 1, active: false }));

    expect(
      routing
        .matchEndpoints({ organizationId: 'org_a', type: 'job.created', subject: 'job_1', data: {} })
        .map((match) => match.id),
    ).toEqual([state.id]);
    expect(routing.webhook(state.id)?.version).toBe(2);
  });

  it('removes a webhook on a tombstone', () => {
    const { state } = webhookFixture(box);
    routing.applyRecord(state.id, encode(state));
    routing.applyRecord(state.id, null);

    expect(routing.webhook(state.id)).toBeNull();
  });

  it('drops a webhook whose new state is invalid, says why, and counts it', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { state } = webhookFixture(box);
    routing.applyRecord(state.id, encode(state));
    routing.applyRecord(state.id, Buffer.from('{not json'));
    routing.applyRecord('wh_other', encode({ ...state, id: 'wh_other', events: null }));

    expect(routing.webhook(state.id)).toBeNull();
    expect(routing.webhook('wh_other')).toBeNull();
    expect((await metrics.rejectedWebhookStates.get()).values[0].value).toBe(2);
    expect(logged).toHaveBeenCalledWith(
      expect.stringContaining(
        'wh_other removed from routing: its state on hookline.subscriptions.v1 is invalid: invalid webhook state: events must be an array',
      ),
    );
    logged.mockRestore();
  });

  it('waits for a webhook version, and gives up with what it holds after the timeout', async () => {
    const { state } = webhookFixture(box, { version: 2 });
    const waiting = routing.waitForWebhook(state.id, 3, 5_000);
    routing.applyRecord(state.id, encode(state));
    routing.applyRecord(state.id, encode({ ...state, version: 3 }));
    await expect(waiting).resolves.toMatchObject({ id: state.id, version: 3 });
    await expect(routing.waitForWebhook(state.id, 9, 10)).resolves.toMatchObject({ version: 3 });
    await expect(routing.waitForWebhook('wh_missing', 1, 10)).resolves.toBeNull();
    await expect(routing.waitForWebhook(state.id, 1, 0)).resolves.toMatchObject({ version: 3 });
  });

  it('is not ready before the topic was read up to its end', async () => {
    await expect(routing.check()).rejects.toThrow('still reading hookline.subscriptions.v1');
  });
});
