import {
  BACKFILL_PROGRESS_SCHEMA,
  KafkaHeaders,
  Topics,
  backfillProgressKey,
  validateBackfillRequest,
  type BackfillProgress,
} from '@hookline/contracts';
import { KafkaPublisher } from '@hookline/kafka';
import { eventually } from '@hookline/testing';
import {
  SubscriptionTestContext,
  type CreatedOrganization,
  type ErrorBody,
} from '../../test/subscription-test-context';
import { TopicRecorder } from '../../test/topic-recorder';
import type { BackfillResponse } from './dto/backfill.response';

describe('backfills (HTTP + Postgres + Kafka)', () => {
  let context: SubscriptionTestContext;
  let requests: TopicRecorder;
  let publisher: KafkaPublisher;
  let organization: CreatedOrganization;
  const token = () => organization.apiKey.key;
  const since = () => new Date(Date.now() - 3_600_000).toISOString();

  const post = <T>(path: string, body?: unknown) =>
    context.http.request<T>('POST', path, { token: token(), ...(body === undefined ? {} : { body }) });
  const get = (webhookId: string, backfillId: string) =>
    context.http.request<BackfillResponse>('GET', `/v1/webhooks/${webhookId}/backfills/${backfillId}`, {
      token: token(),
    });
  const requestsOf = (backfillId: string) =>
    requests.keyed(backfillId).map((message) => validateBackfillRequest(message.value));
  /** Waits until the backfill reads as `expected`. */
  const eventuallyShows = (backfill: BackfillResponse, expected: Partial<BackfillResponse>) =>
    eventually(async () => expect((await get(backfill.webhookId, backfill.id)).body).toMatchObject(expected));
  /** Waits until delivery was told these statuses of the backfill, in order. */
  const eventuallyRequested = (backfillId: string, statuses: string[]) =>
    eventually(() =>
      expect(requestsOf(backfillId).map((parsed) => parsed.ok && parsed.value.status)).toEqual(statuses),
    );

  /** What delivery-service writes for one partition of a backfill of `webhookId`. */
  const progress = (backfill: BackfillResponse, partition: number, patch: Partial<BackfillProgress>) =>
    publisher.send(Topics.backfillProgress, [
      {
        key: backfillProgressKey(backfill.id, 'domain.job.v1', partition),
        value: {
          backfillId: backfill.id,
          organizationId: organization.id,
          webhookId: backfill.webhookId,
          topic: 'domain.job.v1',
          partition,
          partitionCount: 2,
          startOffset: '0',
          endOffset: '100',
          nextOffset: '0',
          scanned: 0,
          matched: 0,
          enqueued: 0,
          done: false,
          at: new Date().toISOString(),
          ...patch,
        } satisfies BackfillProgress,
        headers: { [KafkaHeaders.schema]: BACKFILL_PROGRESS_SCHEMA },
      },
    ]);

  beforeAll(async () => {
    context = await SubscriptionTestContext.start('backfills-int');
    requests = await context.recordTopic(Topics.backfills);
    publisher = new KafkaPublisher(context.kafka);
    await publisher.connect();
    organization = await context.createOrganization('Backfilled Roofing');
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await requests?.stop();
    await context?.stop();
  });

  it('answers 202 with the backfill, publishes its request through the outbox, and refuses a second one with 409', async () => {
    const webhook = await context.createWebhook(token(), { events: ['job.*'], active: true });
    const created = await post<BackfillResponse>(`/v1/webhooks/${webhook.id}/backfill`, { since: since() });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      status: 'pending',
      webhookId: webhook.id,
      scanned: 0,
      partitions: null,
    });
    expect(created.body.eventTypes).toContain('job.created');

    await eventually(() =>
      expect(requestsOf(created.body.id)).toEqual([
        {
          ok: true,
          value: expect.objectContaining({ id: created.body.id, status: 'running', webhookId: webhook.id }),
        },
      ]),
    );
    const second = await post<ErrorBody>(`/v1/webhooks/${webhook.id}/backfill`, { since: since() });
    expect(second.status).toBe(409);
    expect(second.body.message).toContain(`already has backfill ${created.body.id} running`);
  });

  it('shows delivery’s progress summed over partitions, completes once every partition is done, and says so to delivery', async () => {
    const webhook = await context.createWebhook(token(), { events: ['job.created'], active: true });
    const { body: backfill } = await post<BackfillResponse>(`/v1/webhooks/${webhook.id}/backfill`, {
      since: since(),
    });
    await progress(backfill, 0, { nextOffset: '40', scanned: 40, matched: 10, enqueued: 10 });
    await progress(backfill, 1, { nextOffset: '100', scanned: 100, matched: 5, enqueued: 5, done: true });
    await eventuallyShows(backfill, {
      status: 'running',
      scanned: 140,
      matched: 15,
      enqueued: 15,
      partitions: 2,
      partitionsDone: 1,
    });

    await progress(backfill, 0, { nextOffset: '100', scanned: 100, matched: 30, enqueued: 30, done: true });
    await eventuallyShows(backfill, {
      status: 'completed',
      scanned: 200,
      matched: 35,
      partitionsDone: 2,
      finishedAt: expect.any(String),
    });
    await eventuallyRequested(backfill.id, ['running', 'completed']);
    const listed = await context.http.request<{ items: BackfillResponse[] }>(
      'GET',
      `/v1/webhooks/${webhook.id}/backfills`,
      { token: token() },
    );
    expect(listed.body.items.map((item) => [item.id, item.status])).toEqual([[backfill.id, 'completed']]);
  });

  it('cancels an unfinished backfill and tells delivery; a finished one answers 409', async () => {
    const webhook = await context.createWebhook(token(), { events: ['job.*'], active: true });
    const { body: backfill } = await post<BackfillResponse>(`/v1/webhooks/${webhook.id}/backfill`, {
      since: since(),
    });
    const cancelled = await post<BackfillResponse>(
      `/v1/webhooks/${webhook.id}/backfills/${backfill.id}/cancel`,
    );
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
    await eventuallyRequested(backfill.id, ['running', 'cancelled']);
    const again = await post<ErrorBody>(`/v1/webhooks/${webhook.id}/backfills/${backfill.id}/cancel`);
    expect([again.status, again.body.message]).toEqual([409, `backfill ${backfill.id} is already cancelled`]);
    // Its last counts still come in, and it stays cancelled.
    await progress(backfill, 0, { scanned: 7, done: true });
    await progress(backfill, 1, { scanned: 3, done: true });
    await eventuallyShows(backfill, { status: 'cancelled', scanned: 10 });
  });

  it('refuses an inactive webhook with 409 and an invalid window with 400, naming each problem', async () => {
    const inactive = await context.createWebhook(token(), { events: ['job.*'], active: false });
    const refused = await post<ErrorBody>(`/v1/webhooks/${inactive.id}/backfill`, { since: since() });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('is inactive');

    const webhook = await context.createWebhook(token(), { events: ['job.created'], active: true });
    const invalid = await post<ErrorBody>(`/v1/webhooks/${webhook.id}/backfill`, {
      since: '2026-01-01T00:00:00Z',
      until: '2025-12-01T00:00:00Z',
      eventTypes: ['job.updated'],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details).toEqual([
      'since must be before until',
      'eventTypes[0] "job.updated" is not one the webhook subscribes to (job.created)',
    ]);
    const malformed = await post<ErrorBody>(`/v1/webhooks/${webhook.id}/backfill`, { since: 'yesterday' });
    expect(malformed.status).toBe(400);
    const unknown = await context.http.request<ErrorBody>(
      'GET',
      `/v1/webhooks/${webhook.id}/backfills/bf_nope`,
      {
        token: token(),
      },
    );
    expect(unknown.status).toBe(404);
  });
});
