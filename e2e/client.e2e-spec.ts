import { HooklineApiError, HooklineClient, unwrap, verifyWebhook } from '@hookline/client';
import { findEventType } from '@hookline/contracts';
import { eventually } from '@hookline/testing';
import { freePort } from './support/free-port';
import { useStage } from './support/stage';

describe('the typed client against the real stack', () => {
  const stage = useStage('Client Contractors');
  let client: HooklineClient;

  const clientWith = (apiKey: string, overrides: Partial<{ subscriptionUrl: string }> = {}) =>
    new HooklineClient({
      subscriptionUrl: stage.platform.subscription.baseUrl,
      ingestUrl: stage.platform.ingest.baseUrl,
      auditUrl: stage.platform.audit.baseUrl,
      apiKey,
      ...overrides,
    });

  const refusal = async (call: Promise<unknown>): Promise<HooklineApiError> => {
    const error = await call.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(HooklineApiError);
    return error as HooklineApiError;
  };

  beforeAll(() => {
    client = clientWith(stage.key);
  });

  it('lists webhooks across pages', async () => {
    const created: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const webhook = await unwrap(
        client.subscription.POST('/v1/webhooks', {
          body: {
            name: `paged-${index}`,
            url: `${stage.receiver.url}/paged/${index}`,
            events: ['job.*'],
            active: false,
          },
        }),
      );
      created.push(webhook.id);
    }
    const firstPage = await unwrap(
      client.subscription.GET('/v1/webhooks', { params: { query: { limit: 2 } } }),
    );
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.nextCursor).toEqual(expect.any(String));

    const listed: string[] = [];
    for await (const webhook of client.webhooks({ limit: 2 })) {
      listed.push(webhook.id);
    }
    expect(listed).toEqual([...created].reverse());
  });

  it('lists a webhook deliveries across pages, and each signature verifies', async () => {
    const webhook = await unwrap(
      client.subscription.POST('/v1/webhooks', {
        body: {
          name: 'delivered',
          url: `${stage.receiver.url}/delivered`,
          events: ['job.created'],
          active: true,
        },
      }),
    );
    // Its activation test has come through: delivery routes by the webhook's state, so events follow.
    await eventually(() => expect(stage.receiver.requestsTo('/delivered')).not.toHaveLength(0), {
      timeoutMs: 30_000,
    });
    const secret = (
      await unwrap(
        client.subscription.GET('/v1/webhooks/{id}/secret', { params: { path: { id: webhook.id } } }),
      )
    ).key;
    const eventIds: string[] = [];
    for (const subject of ['job_1', 'job_2', 'job_3']) {
      // The ingest service learns a new organization's key from Kafka, a moment after it was issued.
      const accepted = await eventually(() =>
        unwrap(
          client.ingest.POST('/v1/events', {
            body: { type: 'job.created', subject, data: findEventType('job.created')!.example },
          }),
        ),
      );
      eventIds.push(accepted.id);
    }
    await eventually(
      async () => {
        const all = [];
        for await (const delivery of client.deliveries(webhook.id, { limit: 1, eventType: 'job.created' })) {
          all.push(delivery);
        }
        expect(all.map((delivery) => delivery.eventId).sort()).toEqual([...eventIds].sort());
        expect(all.map((delivery) => delivery.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
      },
      { timeoutMs: 30_000 },
    );

    const requests = stage.receiver
      .requestsTo('/delivered')
      .filter((request) => eventIds.includes(String(request.headers['webhook-id'])));
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(verifyWebhook({ secret, headers: request.headers, body: request.body })).toMatchObject({
        ok: true,
      });
    }
  });

  it('maps a refused request to invalid_request with the service message and details', async () => {
    const error = await refusal(
      unwrap(
        client.subscription.POST('/v1/webhooks', {
          body: { name: 'bad', url: 'ftp://example.com', events: ['job.craeted'] },
        }),
      ),
    );
    expect(error).toMatchObject({ kind: 'invalid_request', status: 400, retryable: false });
    expect(error.message).toEqual(expect.any(String));
    expect([error.message, ...error.details].join(' ')).toContain('job.created');
  });

  it('maps an unknown webhook to not_found and a bad key to unauthorized', async () => {
    const missing = await refusal(
      unwrap(client.subscription.GET('/v1/webhooks/{id}', { params: { path: { id: 'wh_does_not_exist' } } })),
    );
    expect(missing).toMatchObject({ kind: 'not_found', status: 404 });

    const stranger = clientWith('hk_not_a_real_key');
    const unauthorized = await refusal(unwrap(stranger.subscription.GET('/v1/webhooks', {})));
    expect(unauthorized).toMatchObject({ kind: 'unauthorized', status: 401 });
    const listing = await refusal(stranger.webhooks().next());
    expect(listing).toMatchObject({ kind: 'unauthorized' });
  });

  it('maps an unreachable service to a retryable network error', async () => {
    const offline = clientWith('hk_any', { subscriptionUrl: `http://127.0.0.1:${await freePort()}` });
    const error = await refusal(
      unwrap(offline.subscription.GET('/v1/event-types', {}), { method: 'GET', url: '/v1/event-types' }),
    );
    expect(error).toMatchObject({ kind: 'network', status: null, retryable: true });
    expect(error.message).toContain('no answer from GET /v1/event-types');
  });
});
