import { Topics, validateDeliveryDefaults } from '@hookline/contracts';
import { eventually, conforming } from '@hookline/testing';
import { SubscriptionTestContext, type ErrorBody } from '../../test/subscription-test-context';
import { TopicRecorder } from '../../test/topic-recorder';

interface EventTypeDefaultsBody {
  type: string;
  defaultRetryPolicy: { preset: string; delaysSeconds?: number[] };
  defaultTtlSeconds: number | null;
  organizationDefaults: { retryPolicy: unknown; ttlSeconds: number | null } | null;
}

describe('delivery defaults of an organization (HTTP + Postgres + Kafka)', () => {
  let context: SubscriptionTestContext;
  let topic: TopicRecorder;

  beforeAll(async () => {
    context = await SubscriptionTestContext.start('delivery-defaults-int');
    topic = await context.recordTopic(Topics.deliveryDefaults);
  });

  afterAll(async () => {
    await topic?.stop();
    await context?.stop();
  });

  const path = (type: string) => `/v1/event-types/${type}/delivery-defaults`;

  it('are set by PUT, shown in the event types, published on the compacted topic and removed by DELETE', async () => {
    const organization = await context.createOrganization('Defaults AG');
    const other = await context.createOrganization('Other AG');
    const token = organization.apiKey.key;
    const key = `${organization.id}:job.created`;
    const typesOf = async (apiKey: string) =>
      (
        await context.http.request<{ items: EventTypeDefaultsBody[] }>('GET', '/v1/event-types', {
          token: apiKey,
        })
      ).body.items;

    const put = await context.http.request('PUT', path('job.created'), {
      token,
      body: { retryPolicy: { preset: 'custom', delaysSeconds: [1, 2] }, ttlSeconds: 600 },
    });
    expect(put).toMatchObject({
      status: 200,
      body: {
        eventType: 'job.created',
        retryPolicy: { preset: 'custom', delaysSeconds: [1, 2] },
        ttlSeconds: 600,
        version: 1,
      },
    });
    const replaced = await context.http.request('PUT', path('job.created'), {
      token,
      body: { ttlSeconds: 900 },
    });
    expect(replaced.body).toMatchObject({ retryPolicy: null, ttlSeconds: 900, version: 2 });

    const [jobCreated] = (await typesOf(token)).filter((item) => item.type === 'job.created');
    expect(jobCreated).toMatchObject({
      defaultRetryPolicy: { preset: 'standard' },
      defaultTtlSeconds: 900,
      organizationDefaults: { retryPolicy: null, ttlSeconds: 900 },
    });
    expect((await typesOf(other.apiKey.key)).find((item) => item.type === 'job.created')).toMatchObject({
      defaultTtlSeconds: null,
      organizationDefaults: null,
    });

    const published = await eventually(() => {
      const values = topic.keyed(key);
      expect(values).toHaveLength(2);
      return values;
    });
    expect(
      published.map((message) => conforming((value) => validateDeliveryDefaults(value, key), message.value)),
    ).toMatchObject([
      { organizationId: organization.id, eventType: 'job.created', ttlSeconds: 600, version: 1 },
      { retryPolicy: null, ttlSeconds: 900, version: 2 },
    ]);
    expect(published[0].headers).toMatchObject({ 'hookline-schema': 'delivery-defaults.v1' });

    const removed = await context.http.request('DELETE', path('job.created'), { token });
    expect(removed.status).toBe(204);
    await eventually(() => expect(topic.keyed(key).at(-1)?.value).toBeNull());
    expect(
      (await typesOf(token)).find((item) => item.type === 'job.created')?.organizationDefaults,
    ).toBeNull();
  });

  it('refuses an unknown type, a TTL out of bounds and an invalid schedule', async () => {
    const { apiKey } = await context.createOrganization('Refused AG');
    const token = apiKey.key;

    const unknown = await context.http.request<ErrorBody>('PUT', path('job.creatd'), { token, body: {} });
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toContain('did you mean \\"job.created\\"');
    const short = await context.http.request<ErrorBody>('PUT', path('job.created'), {
      token,
      body: { ttlSeconds: 5 },
    });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain('ttlSeconds must not be less than 60');
    const custom = await context.http.request<ErrorBody>('PUT', path('job.created'), {
      token,
      body: { retryPolicy: { preset: 'custom' } },
    });
    expect(custom.status).toBe(400);
    expect(JSON.stringify(custom.body)).toContain(
      'retryPolicy.delaysSeconds is required with preset \\"custom\\"',
    );
  });

  it('need webhooks:write', async () => {
    const { id } = await context.createOrganization('Reader AG');
    const { key } = await context.issueKey(id, ['webhooks:read']);

    const refused = await context.http.request('PUT', path('job.created'), {
      token: key,
      body: { ttlSeconds: 600 },
    });
    expect(refused.status).toBe(403);
  });
});
