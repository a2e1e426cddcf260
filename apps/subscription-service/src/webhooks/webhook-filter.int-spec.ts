import { Topics, type WebhookState } from '@hookline/contracts';
import { eventually } from '@hookline/testing';
import {
  SubscriptionTestContext,
  type CreatedOrganization,
  type ErrorBody,
  type WebhookBody,
} from '../../test/subscription-test-context';
import { TopicRecorder } from '../../test/topic-recorder';

describe('payload filters (HTTP + Postgres + Kafka)', () => {
  let context: SubscriptionTestContext;
  let subscriptions: TopicRecorder;
  let organization: CreatedOrganization;

  const completedJobs = {
    and: [
      { field: 'data.job.status', in: ['completed', 'closed'] },
      { not: { field: 'subject', startsWith: 'test_' } },
    ],
  };
  const statesOf = (webhookId: string): WebhookState[] =>
    subscriptions.keyed(webhookId).map((message) => message.value as WebhookState);
  const token = () => organization.apiKey.key;

  beforeAll(async () => {
    context = await SubscriptionTestContext.start('webhook-filter-int');
    subscriptions = await context.recordTopic(Topics.subscriptions);
    organization = await context.createOrganization('Filtered Roofing');
  });

  afterAll(async () => {
    await subscriptions?.stop();
    await context?.stop();
  });

  it('saves a filter, shows it and publishes it in the state; PATCH replaces it and null clears it', async () => {
    const webhook = await context.createWebhook(token(), { events: ['job.*'], filter: completedJobs });
    expect(webhook).toMatchObject({ filter: completedJobs });
    const read = await context.http.request<WebhookBody>('GET', `/v1/webhooks/${webhook.id}`, {
      token: token(),
    });
    expect(read.body).toMatchObject({ filter: completedJobs });
    await eventually(() => expect(statesOf(webhook.id)[0]?.filter).toEqual(completedJobs));

    const narrower = { field: 'data.job.status', eq: 'completed' };
    expect(await context.patchWebhook(token(), webhook.id, { filter: narrower })).toMatchObject({
      filter: narrower,
      version: 2,
    });
    await eventually(() => expect(statesOf(webhook.id)[1]?.filter).toEqual(narrower));

    expect(await context.patchWebhook(token(), webhook.id, { filter: null })).toMatchObject({ filter: null });
    await eventually(() => expect(statesOf(webhook.id)[2]?.filter).toBeNull());
  });

  it.each([
    [{ field: 'data.job.status', equals: 'x' }, 'filter.equals is not an operator'],
    [
      { and: [{ field: 'type', eq: 'job.created' }, { or: [] }] },
      'filter.and[1].or must be a list of 1 to 20 filters',
    ],
    [{ field: 'data.job..status', eq: 'x' }, 'filter.field segment 3 must be 1-64 characters'],
  ])('refuses %j with 400, naming the offending part, and saves nothing', async (filter, message) => {
    const before = await context.http.request<{ items: unknown[] }>('GET', '/v1/webhooks', {
      token: token(),
    });
    const response = await context.http.request<ErrorBody>('POST', '/v1/webhooks', {
      token: token(),
      body: { name: 'bad filter', url: 'https://hooks.example.com/x', events: ['job.*'], filter },
    });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain(message);
    const after = await context.http.request<{ items: unknown[] }>('GET', '/v1/webhooks', { token: token() });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('judges a sample event with POST /v1/webhooks/:id/match, naming the part that decided', async () => {
    const webhook = await context.createWebhook(token(), { events: ['job.*'], filter: completedJobs });
    const match = (body: Record<string, unknown>) =>
      context.http.request<Record<string, unknown>>('POST', `/v1/webhooks/${webhook.id}/match`, {
        token: token(),
        body,
      });

    expect(
      (await match({ type: 'job.status_changed', subject: 'job_1', data: { job: { status: 'completed' } } }))
        .body,
    ).toEqual({ matches: true, typeMatches: true, filterMatches: true, decidedBy: 'filter', active: false });
    expect(
      (await match({ type: 'job.status_changed', subject: 'test_1', data: { job: { status: 'closed' } } }))
        .body,
    ).toEqual({
      matches: false,
      typeMatches: true,
      filterMatches: false,
      decidedBy: 'filter.and[1]',
      active: false,
    });
    expect(
      (await match({ type: 'estimate.sent', data: { job: { status: 'completed' } } })).body,
    ).toMatchObject({
      matches: false,
      typeMatches: false,
      filterMatches: true,
    });

    const refused = await match({ type: 'job.created', data: 'completed' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('data must be an object');
    const unknown = await context.http.request<ErrorBody>('POST', '/v1/webhooks/wh_missing/match', {
      token: token(),
      body: { type: 'job.created', data: {} },
    });
    expect(unknown.status).toBe(404);
  });
});
