import { findEventType } from '@hookline/contracts';
import { eventually } from '@hookline/testing';
import { call } from './support/api-client';
import { PrivateKafka } from './support/private-infra';
import { useStage } from './support/stage';

/**
 * The management API keeps working while Kafka is down: every change is committed with its outbox row,
 * and when the broker returns the relay publishes the rows in order, so delivery-service routes by the
 * last state of each webhook. The broker is this test's own, stopped and started by tools/infra.
 */
describe('webhook changes made while Kafka is down reach delivery-service in order once it returns', () => {
  let kafka: PrivateKafka;

  beforeAll(async () => {
    kafka = await PrivateKafka.start();
  });
  const stage = useStage('Outage Outfitters', { env: () => ({ KAFKA_BROKERS: kafka.brokers }) });
  afterAll(async () => {
    await kafka?.destroy();
  });

  const subscriptionApi = (path: string) => `${stage.platform.subscription.baseUrl}${path}`;
  const typeOf = (body: string) => (JSON.parse(body) as { type: string }).type;
  /** Ids of the job events a path received (each webhook also gets a `webhook.test` when switched on). */
  const eventIdsAt = (path: string) =>
    stage.receiver
      .requestsTo(path)
      .filter((request) => typeOf(request.body) !== 'webhook.test')
      .map((request) => request.headers['webhook-id'] as string);
  const typesAt = (path: string) => stage.receiver.requestsTo(path).map((request) => typeOf(request.body));

  const outboxFailures = async (): Promise<number> => {
    const text = await (await fetch(`${stage.platform.subscription.baseUrl}/metrics`)).text();
    const sample = /^hookline_outbox_publish_failures_total(?:\{[^}]*\})? (\S+)$/m.exec(text);
    return Number(sample?.[1] ?? Number.NaN);
  };

  /** Publishes once the ingest API takes events again (a 503 accepts nothing, so retrying adds no event). */
  const publish = (type: 'job.created' | 'job.updated', subject: string): Promise<string> =>
    eventually(
      async () => {
        const response = await call<{ id: string }>('POST', `${stage.platform.ingest.baseUrl}/v1/events`, {
          token: stage.key,
          body: { type, subject, data: findEventType(type)?.example },
        });
        expect(response.status).toBe(202);
        return response.body.id;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );

  const createWebhook = (name: string, path: string, events: string[]) =>
    stage.webhookAt(path, { name, events });

  it('applies an update, a second update, a creation and a deletion made during the outage', async () => {
    const moving = await createWebhook('moving', '/moving-v1', ['job.created']);
    const removed = await createWebhook('removed', '/removed', ['job.created']);
    // Routing is eventually consistent: each webhook's activation test arrives once delivery-service
    // holds its state, and from then on both are routed. Each receives the event published now.
    await eventually(
      () => {
        expect(typesAt('/moving-v1')).toContain('webhook.test');
        expect(typesAt('/removed')).toContain('webhook.test');
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const before = await publish('job.created', 'job_before');
    await eventually(
      () => {
        expect(eventIdsAt('/moving-v1')).toContain(before);
        expect(eventIdsAt('/removed')).toContain(before);
      },
      { timeoutMs: 30_000 },
    );

    await kafka.down();
    const firstMove = await call('PATCH', subscriptionApi(`/v1/webhooks/${moving.id}`), {
      token: stage.key,
      body: { url: `${stage.receiver.url}/moving-v2` },
    });
    expect(firstMove.status).toBe(200);
    const secondMove = await call('PATCH', subscriptionApi(`/v1/webhooks/${moving.id}`), {
      token: stage.key,
      body: { url: `${stage.receiver.url}/moving-v3`, events: ['job.created', 'job.updated'] },
    });
    expect(secondMove.status).toBe(200);
    const deletion = await call('DELETE', subscriptionApi(`/v1/webhooks/${removed.id}`), {
      token: stage.key,
    });
    expect(deletion.status).toBe(204);
    const added = await createWebhook('added', '/added', ['job.*']);
    // The API reads its own database: the changes are visible at once, Kafka or not.
    const read = await call<{ url: string; events: string[] }>(
      'GET',
      subscriptionApi(`/v1/webhooks/${moving.id}`),
      { token: stage.key },
    );
    expect(read.body).toMatchObject({
      url: `${stage.receiver.url}/moving-v3`,
      events: ['job.created', 'job.updated'],
    });
    // The relay has tried and failed (the rows wait in Postgres) before the broker returns.
    await eventually(async () => expect(await outboxFailures()).toBeGreaterThanOrEqual(2), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    await kafka.up();

    // The creation's activation test reaches the new webhook once the relay has published it.
    await eventually(() => expect(typesAt('/added')).toContain('webhook.test'), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    // A test event is sent once delivery holds the webhook's current version: at the last URL only.
    const probe = await call('POST', subscriptionApi(`/v1/webhooks/${moving.id}/test`), { token: stage.key });
    expect(probe.status).toBe(202);
    await eventually(() => expect(typesAt('/moving-v3')).toContain('webhook.test'), {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    const created = await publish('job.created', 'job_after');
    const updated = await publish('job.updated', 'job_after');
    await eventually(
      () => {
        expect(eventIdsAt('/moving-v3')).toEqual([created, updated]);
        expect(eventIdsAt('/added')).toEqual(expect.arrayContaining([created, updated]));
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    // The intermediate and the deleted routes received nothing after the outage.
    expect(stage.receiver.requestsTo('/moving-v2')).toEqual([]);
    expect(eventIdsAt('/moving-v1')).toEqual([before]);
    expect(eventIdsAt('/removed')).toEqual([before]);
    expect(added.id).toMatch(/^wh_/);
  });
});
