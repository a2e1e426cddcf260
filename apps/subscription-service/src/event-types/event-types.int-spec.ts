import { EVENT_CATALOG, EVENT_TYPES, eventDataJsonSchema } from '@hookline/contracts';
import { SubscriptionTestContext, type ErrorBody } from '../../test/subscription-test-context';

interface EventTypeBody {
  type: string;
  resource: string;
  description: string;
  origin: string;
  schema: Record<string, unknown>;
  example: Record<string, unknown>;
  defaultRetryPolicy: { preset: string; delaysSeconds?: number[] };
  defaultTtlSeconds: number | null;
  organizationDefaults: null;
}

describe('event types (HTTP + Postgres)', () => {
  const suite = SubscriptionTestContext.forSuite('event-types-int');

  const subscribed = async (token: string, type: string) =>
    suite.context.http.request<{ active: boolean } & ErrorBody>('GET', `/v1/event-types/${type}/subscribed`, {
      token,
    });

  it('lists every catalog type, platform events included, with its schema, example and delivery defaults', async () => {
    const { id } = await suite.context.createOrganization('Catalog Reader');
    const { key } = await suite.context.issueKey(id, ['events:write']);

    const response = await suite.context.http.request<{ items: EventTypeBody[] }>('GET', '/v1/event-types', {
      token: key,
    });

    expect(response.status).toBe(200);
    expect(response.body.items.map((item) => item.type)).toEqual([...EVENT_TYPES]);
    for (const definition of EVENT_CATALOG) {
      const item = response.body.items.find((candidate) => candidate.type === definition.type);
      expect(item).toEqual({
        type: definition.type,
        resource: definition.resource,
        description: definition.description,
        origin: definition.origin,
        schema: eventDataJsonSchema(definition.type),
        example: definition.example,
        defaultRetryPolicy: definition.defaultRetryPolicy ?? { preset: 'standard' },
        defaultTtlSeconds: definition.defaultTtlSeconds ?? null,
        organizationDefaults: null,
      });
    }
    const webhookTest = response.body.items.find((item) => item.type === 'webhook.test');
    expect(webhookTest).toMatchObject({ defaultRetryPolicy: { preset: 'none' }, defaultTtlSeconds: null });
    expect(response.body.items.filter((item) => item.origin === 'platform').map((item) => item.type)).toEqual(
      ['webhook.test', 'webhook.disabled', 'delivery.exhausted', 'delivery.recovered'],
    );
  });

  describe('subscribed', () => {
    it('is false for an organization without webhooks', async () => {
      const { apiKey } = await suite.context.createOrganization('Nothing Yet');

      expect((await subscribed(apiKey.key, 'estimate.sent')).body).toEqual({
        active: false,
        everyEvent: false,
      });
    });

    it('is true only for the types an active webhook covers, exactly or by resource wildcard', async () => {
      const { apiKey } = await suite.context.createOrganization('Planner Co');
      await suite.context.createWebhook(apiKey.key, { events: ['job.created', 'estimate.*'], active: true });

      const answers = await Promise.all(
        ['job.created', 'job.updated', 'estimate.sent', 'floor.created'].map(async (type) => [
          type,
          (await subscribed(apiKey.key, type)).body.active,
        ]),
      );

      expect(answers).toEqual([
        ['job.created', true],
        ['job.updated', false],
        ['estimate.sent', true],
        ['floor.created', false],
      ]);
    });

    it('is true for any type with an active * webhook, and false when the only one is inactive', async () => {
      const { apiKey } = await suite.context.createOrganization('Wildcard Co');
      const webhook = await suite.context.createWebhook(apiKey.key, { events: ['*'], active: true });
      expect((await subscribed(apiKey.key, 'report.submitted')).body).toEqual({
        active: true,
        everyEvent: true,
      });

      await suite.context.patchWebhook(apiKey.key, webhook.id, { active: false });

      expect((await subscribed(apiKey.key, 'report.submitted')).body).toEqual({
        active: false,
        everyEvent: false,
      });
    });

    it('says whether an active subscriber takes every event, or only those its payload filter selects', async () => {
      const { apiKey } = await suite.context.createOrganization('Only Filtered');
      await suite.context.createWebhook(apiKey.key, {
        events: ['job.*'],
        filter: { field: 'data.job.status', eq: 'completed' },
        active: true,
      });
      expect((await subscribed(apiKey.key, 'job.created')).body).toEqual({ active: true, everyEvent: false });

      await suite.context.createWebhook(apiKey.key, { events: ['job.created'], active: true });

      expect((await subscribed(apiKey.key, 'job.created')).body).toEqual({ active: true, everyEvent: true });
    });

    it("does not count another organization's webhooks", async () => {
      const owner = await suite.context.createOrganization('Has Webhooks');
      const other = await suite.context.createOrganization('Has None');
      await suite.context.createWebhook(owner.apiKey.key, { events: ['*'], active: true });

      expect((await subscribed(other.apiKey.key, 'job.created')).body).toEqual({
        active: false,
        everyEvent: false,
      });
    });

    it('answers 404 for a type not in the catalog, naming it and the closest type', async () => {
      const { apiKey } = await suite.context.createOrganization('Typo Inc');

      const response = await subscribed(apiKey.key, 'estimate.snet');

      expect(response.status).toBe(404);
      expect(response.body.message).toBe(
        'event type "estimate.snet" is not in the catalog; did you mean "estimate.sent"?',
      );
    });
  });
});
