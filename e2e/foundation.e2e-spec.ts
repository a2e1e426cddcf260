import { Webhook } from 'standardwebhooks';
import { findEventType } from '@hookline/contracts';
import { eventually, type ReceivedRequest } from '@hookline/testing';
import { call } from './support/api-client';
import { createOrganization, untilRouted, type CreatedWebhook, type Organization } from './support/platform';
import { useStage } from './support/stage';

interface DeliveryListItem {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  lastResponseStatus: number | null;
}

describe('Hookline end to end: one event from ingest to the receiver and into the log', () => {
  const stage = useStage('Acme Roofing');
  let globex: Organization;
  let webhook: CreatedWebhook;
  let inactiveWebhook: CreatedWebhook;
  let witnessWebhook: CreatedWebhook;

  const subscriptionApi = (path: string) => stage.url('subscription', path);
  const ingestApi = (path: string) => stage.url('ingest', path);
  const auditApi = (path: string) => stage.url('audit', path);

  const createWebhookAt = async (
    path: string,
    events: string[],
    active: boolean,
  ): Promise<CreatedWebhook> => {
    const created = await stage.webhookAt(path, { name: `hook ${path}`, events, active });
    expect(created.signingSecret).toMatch(/^whsec_/);
    return created;
  };

  const publish = (type: string, subject: string) => stage.publish(subject, type);

  const receivedWithId = (path: string, eventId: string): ReceivedRequest[] =>
    stage.receiver.requestsTo(path).filter((request) => request.headers['webhook-id'] === eventId);

  /** Publishes a job event and waits until the always-on witness webhook got it. */
  const publishWitnessed = async (subject: string): Promise<string> => {
    const id = await publish('job.created', subject);
    await eventually(() => expect(receivedWithId('/witness', id)).toHaveLength(1), { timeoutMs: 20_000 });
    return id;
  };

  beforeAll(async () => {
    globex = await createOrganization(stage.platform, 'Globex Floors');
    witnessWebhook = await createWebhookAt('/witness', ['job.*'], true);
    webhook = await createWebhookAt('/jobs', ['job.*'], true);
    inactiveWebhook = await createWebhookAt('/inactive', ['*'], false);
    // Subscriptions reach delivery through Kafka; wait until both active webhooks are routed.
    await untilRouted(
      () => publish('job.updated', 'job_warmup'),
      (id) => {
        expect(receivedWithId('/witness', id)).toHaveLength(1);
        expect(receivedWithId('/jobs', id)).toHaveLength(1);
      },
      { perTryMs: 2_000 },
    );
  });

  it('delivers one signed POST whose webhook-id is the event id, and logs the attempt', async () => {
    const eventId = await publish('job.created', 'job_123');

    const [request] = await eventually(() => {
      const requests = receivedWithId('/jobs', eventId);
      expect(requests).toHaveLength(1);
      return requests;
    });
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(/^Hookline\//);
    const verified = new Webhook(webhook.signingSecret).verify(
      request.body,
      request.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({
      id: eventId,
      type: 'job.created',
      data: findEventType('job.created')?.example,
    });
    expect(JSON.parse(request.body)).toEqual({
      id: eventId,
      type: 'job.created',
      timestamp: expect.any(String),
      data: findEventType('job.created')?.example,
    });
    expect(() =>
      new Webhook(witnessWebhook.signingSecret).verify(
        request.body,
        request.headers as Record<string, string>,
      ),
    ).toThrow();

    const listed = await eventually(async () => {
      const response = await call<{ items: DeliveryListItem[] }>(
        'GET',
        auditApi(`/v1/webhooks/${webhook.id}/deliveries?eventId=${eventId}`),
        { token: stage.key },
      );
      expect(response.status).toBe(200);
      expect(response.body.items).toHaveLength(1);
      expect(response.body.items[0]).toMatchObject({
        eventId,
        eventType: 'job.created',
        status: 'succeeded',
        lastResponseStatus: 200,
      });
      return response.body.items[0];
    });
    const detail = await call<{
      payload: unknown;
      attempts: Array<{ attempt: number; responseStatus: number }>;
    }>('GET', auditApi(`/v1/deliveries/${listed.id}`), { token: stage.key });
    expect(detail.status).toBe(200);
    expect(detail.body.payload).toEqual(JSON.parse(request.body));
    expect(detail.body.attempts).toHaveLength(1);
    expect(detail.body.attempts[0]).toMatchObject({ attempt: 1, responseStatus: 200 });
  });

  it('does not deliver event types the webhook did not choose, nor to an inactive webhook', async () => {
    const estimateId = await publish('estimate.updated', 'estimate_9');
    const witnessed = await publishWitnessed('job_124');
    expect(receivedWithId('/jobs', witnessed)).toHaveLength(1);
    expect(receivedWithId('/jobs', estimateId)).toHaveLength(0);
    expect(stage.receiver.requestsTo('/inactive')).toHaveLength(0);
    expect(inactiveWebhook.id).toBeDefined();
  });

  it('hides one organization’s webhook, secret and log history from another (404), and refuses no credentials (401)', async () => {
    const paths = [
      subscriptionApi(`/v1/webhooks/${webhook.id}`),
      subscriptionApi(`/v1/webhooks/${webhook.id}/secret`),
      auditApi(`/v1/webhooks/${webhook.id}/deliveries`),
    ];
    for (const url of paths) {
      expect((await call('GET', url, { token: globex.apiKey.key })).status).toBe(404);
      expect((await call('GET', url, { token: null })).status).toBe(401);
    }
    const own = await call<{ items: DeliveryListItem[] }>(
      'GET',
      auditApi(`/v1/webhooks/${webhook.id}/deliveries`),
      {
        token: stage.key,
      },
    );
    const deliveryId = own.body.items[0].id;
    expect(
      (await call('GET', auditApi(`/v1/deliveries/${deliveryId}`), { token: globex.apiKey.key })).status,
    ).toBe(404);
  });

  it.each([
    ['invalid JSON', { rawBody: '{"type":' }, 'not valid JSON'],
    ['an unknown event type', { body: { type: 'job.teleported', subject: 'j', data: {} } }, 'job.teleported'],
    ['missing fields', { body: { type: 'job.created' } }, 'subject'],
    [
      'unknown fields',
      { body: { type: 'job.created', subject: 'j', data: {}, priority: 'high' } },
      'priority',
    ],
  ])('answers 400 to %s on ingest, naming the problem', async (_, request, expected) => {
    const response = await call<{ statusCode: number; message: string }>('POST', ingestApi('/v1/events'), {
      token: stage.key,
      ...request,
    });
    expect(response.status).toBe(400);
    expect(response.body.statusCode).toBe(400);
    expect(response.body.message).toContain(expected);
  });

  it.each([
    ['invalid JSON', { rawBody: '{"name":' }, 'not valid JSON'],
    [
      'an unknown event type',
      { body: { name: 'x', url: 'https://example.com/h', events: ['job.teleported'] } },
      'job.teleported',
    ],
    ['missing fields', { body: { name: 'x' } }, 'url'],
    [
      'unknown fields',
      { body: { name: 'x', url: 'https://example.com/h', events: ['job.created'], colour: 1 } },
      'colour',
    ],
  ])('answers 400 to %s on webhook creation, naming the problem', async (_, request, expected) => {
    const response = await call<{ statusCode: number; message: string }>(
      'POST',
      subscriptionApi('/v1/webhooks'),
      {
        token: stage.key,
        ...request,
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(expected);
  });

  it('stops delivering to a deleted webhook within seconds', async () => {
    const deleted = await call('DELETE', subscriptionApi(`/v1/webhooks/${webhook.id}`), {
      token: stage.key,
    });
    expect(deleted.status).toBe(204);
    await eventually(
      async () => {
        const id = await publishWitnessed(`job_after_delete_${Date.now()}`);
        expect(receivedWithId('/jobs', id)).toHaveLength(0);
      },
      { timeoutMs: 10_000, intervalMs: 0 },
    );
  });
});
