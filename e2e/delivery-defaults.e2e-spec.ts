import { TestReceiver, eventually } from '@hookline/testing';
import { call } from './support/api-client';
import {
  createOrganization,
  createWebhook,
  publishEvent,
  startPlatform,
  untilRouted,
  type Platform,
} from './support/platform';

interface LoggedAttempts {
  status: string;
  attempts: Array<{ attempt: number }>;
}

/**
 * Which retry schedule a delivery follows, through the whole stack, against an endpoint that always
 * fails: a webhook without one of its own follows its organization's schedule for the type (set through
 * the API), else the catalog's default for the type; a webhook's own schedule wins over both.
 */
describe('retry schedules by precedence through the whole stack', () => {
  let platform: Platform;
  let receiver: TestReceiver;
  let key: string;
  let inheritingId: string;
  let explicitId: string;

  const eventIdsAt = (path: string) =>
    receiver.requestsTo(path).map((request) => request.headers['webhook-id']);
  /** The delivery log's entry of the event at the webhook once it is `status`. */
  const loggedDelivery = (webhookId: string, eventId: string, status: string): Promise<LoggedAttempts> =>
    eventually(
      async () => {
        const audit = platform.audit.baseUrl;
        const listed = await call<{ items: Array<{ id: string; status: string }> }>(
          'GET',
          `${audit}/v1/webhooks/${webhookId}/deliveries?eventId=${eventId}`,
          { token: key },
        );
        expect(listed.body.items.map((item) => item.status)).toEqual([status]);
        const found = await call<LoggedAttempts>('GET', `${audit}/v1/deliveries/${listed.body.items[0].id}`, {
          token: key,
        });
        expect(found.status).toBe(200);
        return found.body;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );

  beforeAll(async () => {
    receiver = await TestReceiver.start(() => ({ status: 500, body: 'down' }));
    platform = await startPlatform();
    key = (await createOrganization(platform, 'Retry Precedence')).apiKey.key;
    const put = await call(
      'PUT',
      `${platform.subscription.baseUrl}/v1/event-types/job.created/delivery-defaults`,
      {
        token: key,
        body: { retryPolicy: { preset: 'custom', delaysSeconds: [1, 1] } },
      },
    );
    expect(put.status).toBe(200);
    inheritingId = (
      await createWebhook(platform, key, {
        name: 'inherits',
        url: `${receiver.url}/inherits`,
        events: ['job.created'],
        active: true,
      })
    ).id;
    explicitId = (
      await createWebhook(platform, key, {
        name: 'own schedule',
        url: `${receiver.url}/own`,
        events: ['job.created'],
        active: true,
        retryPolicy: { preset: 'none' },
      })
    ).id;
    // Routed once both webhooks got a warm-up event, and the organization's schedule read once the
    // inheriting one got it three times in a few seconds (standard would wait 5 minutes for the third).
    await untilRouted(
      () => publishEvent(platform, key, 'job_warmup'),
      (eventId) => {
        expect(eventIdsAt('/own')).toContain(eventId);
        expect(eventIdsAt('/inherits').filter((id) => id === eventId)).toHaveLength(3);
      },
      { perTryMs: 10_000, timeoutMs: 90_000 },
    );
  }, 150_000);

  afterAll(async () => {
    await platform?.stop();
    await receiver?.stop();
  });

  it("gives a webhook without a schedule its organization's for the type, and one with a schedule its own", async () => {
    const eventId = await publishEvent(platform, key, 'job_1');

    const inherited = await loggedDelivery(inheritingId, eventId, 'failed');
    const own = await loggedDelivery(explicitId, eventId, 'failed');

    expect(inherited.attempts.map((attempt) => attempt.attempt).sort()).toEqual([1, 2, 3]);
    expect(own.attempts.map((attempt) => attempt.attempt)).toEqual([1]);
    expect(eventIdsAt('/inherits').filter((id) => id === eventId)).toHaveLength(3);
    expect(eventIdsAt('/own').filter((id) => id === eventId)).toHaveLength(1);
  });

  it("gives a type the organization set nothing for the catalog's default: webhook.test is sent once", async () => {
    const sent = await call<{ eventId: string }>(
      'POST',
      `${platform.subscription.baseUrl}/v1/webhooks/${inheritingId}/test`,
      { token: key },
    );
    expect(sent.status).toBe(202);

    const logged = await loggedDelivery(inheritingId, sent.body.eventId, 'failed');

    expect(logged.attempts).toHaveLength(1);
    expect(eventIdsAt('/inherits').filter((id) => id === sent.body.eventId)).toHaveLength(1);
  });
});
