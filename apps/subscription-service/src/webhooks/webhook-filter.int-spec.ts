import { eventually } from '@hookline/testing';
import type { ErrorBody, WebhookBody } from '../../test/subscription-test-context';
import { WebhookStatesSuite } from '../../test/webhook-states-suite';

describe('payload filters (HTTP + Postgres + Kafka)', () => {
  const suite = WebhookStatesSuite.start('webhook-filter-int', 'Filtered Roofing');

  const completedJobs = {
    and: [
      { field: 'data.job.status', in: ['completed', 'closed'] },
      { not: { field: 'subject', startsWith: 'test_' } },
    ],
  };

  it('saves a filter, shows it and publishes it in the state; PATCH replaces it and null clears it', async () => {
    const webhook = await suite.context.createWebhook(suite.token, {
      events: ['job.*'],
      filter: completedJobs,
    });
    expect(webhook).toMatchObject({ filter: completedJobs });
    const read = await suite.context.http.request<WebhookBody>('GET', `/v1/webhooks/${webhook.id}`, {
      token: suite.token,
    });
    expect(read.body).toMatchObject({ filter: completedJobs });
    await eventually(() => expect(suite.statesOf(webhook.id)[0]?.filter).toEqual(completedJobs));

    const narrower = { field: 'data.job.status', eq: 'completed' };
    expect(await suite.context.patchWebhook(suite.token, webhook.id, { filter: narrower })).toMatchObject({
      filter: narrower,
      version: 2,
    });
    await eventually(() => expect(suite.statesOf(webhook.id)[1]?.filter).toEqual(narrower));

    expect(await suite.context.patchWebhook(suite.token, webhook.id, { filter: null })).toMatchObject({
      filter: null,
    });
    await eventually(() => expect(suite.statesOf(webhook.id)[2]?.filter).toBeNull());
  });

  it.each([
    [{ field: 'data.job.status', equals: 'x' }, 'filter.equals is not an operator'],
    [
      { and: [{ field: 'type', eq: 'job.created' }, { or: [] }] },
      'filter.and[1].or must be a list of 1 to 20 filters',
    ],
    [{ field: 'data.job..status', eq: 'x' }, 'filter.field segment 3 must be 1-64 characters'],
  ])('refuses %j with 400, naming the offending part, and saves nothing', async (filter, message) => {
    await suite.expectCreateRefused({ filter }, message);
  });

  it('judges a sample event with POST /v1/webhooks/:id/match, naming the part that decided', async () => {
    const webhook = await suite.context.createWebhook(suite.token, {
      events: ['job.*'],
      filter: completedJobs,
    });
    const match = (body: Record<string, unknown>) =>
      suite.context.http.request<Record<string, unknown>>('POST', `/v1/webhooks/${webhook.id}/match`, {
        token: suite.token,
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
    const unknown = await suite.context.http.request<ErrorBody>('POST', '/v1/webhooks/wh_missing/match', {
      token: suite.token,
      body: { type: 'job.created', data: {} },
    });
    expect(unknown.status).toBe(404);
  });
});
