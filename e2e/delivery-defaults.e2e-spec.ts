import { call } from './support/api-client';
import { loggedDelivery, type LoggedDelivery } from './support/delivery-log';
import { useStage } from './support/stage';

/**
 * Which retry schedule a delivery follows, through the whole stack, against an endpoint that always
 * fails: a webhook without one of its own follows its organization's schedule for the type (set through
 * the API), else the catalog's default for the type; a webhook's own schedule wins over both.
 */
describe('retry schedules by precedence through the whole stack', () => {
  const stage = useStage('Retry Precedence', { reply: () => ({ status: 500, body: 'down' }) });
  let inheritingId: string;
  let explicitId: string;

  /** How many times the event reached `path`. */
  const timesAt = (path: string, eventId: string) =>
    stage.eventIdsAt(path).filter((id) => id === eventId).length;
  /** The delivery log's entry of the event at the webhook once it failed. */
  const failedDelivery = (webhookId: string, eventId: string): Promise<LoggedDelivery> =>
    loggedDelivery(stage.platform, stage.key, { webhookId, eventId, status: 'failed' });

  beforeAll(async () => {
    const put = await call(
      'PUT',
      `${stage.platform.subscription.baseUrl}/v1/event-types/job.created/delivery-defaults`,
      { token: stage.key, body: { retryPolicy: { preset: 'custom', delaysSeconds: [1, 1] } } },
    );
    expect(put.status).toBe(200);
    inheritingId = (await stage.webhookAt('/inherits', { name: 'inherits', events: ['job.created'] })).id;
    explicitId = (
      await stage.webhookAt('/own', {
        name: 'own schedule',
        events: ['job.created'],
        retryPolicy: { preset: 'none' },
      })
    ).id;
    // Routed once both webhooks got a warm-up event, and the organization's schedule read once the
    // inheriting one got it three times in a few seconds (standard would wait 5 minutes for the third).
    await stage.untilRoutedAt('/own', {
      arrived: (eventId) => expect(timesAt('/inherits', eventId)).toBe(3),
      perTryMs: 10_000,
      timeoutMs: 90_000,
    });
  }, 150_000);

  it("gives a webhook without a schedule its organization's for the type, and one with a schedule its own", async () => {
    const eventId = await stage.publish('job_1');

    const inherited = await failedDelivery(inheritingId, eventId);
    const own = await failedDelivery(explicitId, eventId);

    expect(inherited.attempts.map((attempt) => attempt.attempt).sort()).toEqual([1, 2, 3]);
    expect(own.attempts.map((attempt) => attempt.attempt)).toEqual([1]);
    expect(timesAt('/inherits', eventId)).toBe(3);
    expect(timesAt('/own', eventId)).toBe(1);
  });

  it("gives a type the organization set nothing for the catalog's default: webhook.test is sent once", async () => {
    const sent = await call<{ eventId: string }>(
      'POST',
      `${stage.platform.subscription.baseUrl}/v1/webhooks/${inheritingId}/test`,
      { token: stage.key },
    );
    expect(sent.status).toBe(202);

    const logged = await failedDelivery(inheritingId, sent.body.eventId);

    expect(logged.attempts).toHaveLength(1);
    expect(timesAt('/inherits', sent.body.eventId)).toBe(1);
  });
});
