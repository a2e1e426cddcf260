import { eventually } from '@hookline/testing';
import { call } from './support/api-client';
import { useStage } from './support/stage';

interface DeliveryListItem {
  id: string;
  eventId: string;
  status: string;
  attemptCount: number;
  heldReason: string | null;
}

interface DeliveryDetail {
  status: string;
  nextAttemptAt: string | null;
  payload: { id: string } | null;
  attempts: Array<{ responseStatus: number | null }>;
}

/**
 * A delivery held back by an open circuit breaker is in the log before it is attempted: a customer
 * sees it waiting, why, and until when, and sees it go through once the endpoint is back.
 */
describe('deliveries held by an open circuit breaker', () => {
  let down = true;
  const stage = useStage('Breaker Hold', {
    reply: () => (down ? { status: 503, body: 'down' } : { status: 200 }),
    env: {
      // A few failures open the breaker; the cool-down outlasts the checks of the held delivery, so
      // no half-open probe can take it first.
      DELIVERY_BREAKER_MIN_REQUESTS: '3',
      DELIVERY_BREAKER_COOLDOWN_SECONDS: '30',
    },
  });
  const publish = (subject: string) => stage.publish(subject);

  const deliveryOf = async (webhookId: string, eventId: string): Promise<DeliveryListItem> => {
    const listed = await call<{ items: DeliveryListItem[] }>(
      'GET',
      `${stage.platform.audit.baseUrl}/v1/webhooks/${webhookId}/deliveries?eventId=${eventId}`,
      { token: stage.key },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    return listed.body.items[0];
  };

  it('lists a held delivery as retrying with its reason and next attempt, then delivers it', async () => {
    const { id: webhookId } = await stage.webhookAt('/flaky', { name: 'flaky' });
    // Routed once its activation test arrived; failures then open the breaker.
    await eventually(() => expect(stage.receiver.requestsTo('/flaky').length).toBeGreaterThan(0), {
      timeoutMs: 30_000,
    });
    for (const subject of ['job_1', 'job_2', 'job_3']) {
      await publish(subject);
    }
    // Held only once delivery-service has judged enough failures: its breaker gauge says so.
    await eventually(
      async () => {
        const metrics = await (await fetch(`${stage.platform.delivery.baseUrl}/metrics`)).text();
        expect(metrics).toMatch(/^hookline_delivery_open_breakers(\{[^}]*\})? [1-9]/m);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );

    const held = await publish('job_held');
    const listed = await eventually(
      async () => {
        const delivery = await deliveryOf(webhookId, held);
        expect(delivery).toMatchObject({ status: 'retrying', heldReason: 'circuit_open', attemptCount: 0 });
        return delivery;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const detail = await call<DeliveryDetail>(
      'GET',
      `${stage.platform.audit.baseUrl}/v1/deliveries/${listed.id}`,
      {
        token: stage.key,
      },
    );
    expect(detail.status).toBe(200);
    expect(detail.body.attempts).toEqual([]);
    expect(detail.body.payload?.id).toBe(held);
    expect(Date.parse(detail.body.nextAttemptAt ?? '')).toBeGreaterThan(Date.now());
    // Held means not sent: the endpoint saw nothing of it.
    expect(
      stage.receiver.requestsTo('/flaky').filter((request) => request.headers['webhook-id'] === held),
    ).toEqual([]);

    down = false;
    await eventually(
      async () => {
        const delivery = await deliveryOf(webhookId, held);
        expect(delivery).toMatchObject({ status: 'succeeded', heldReason: null });
        expect(delivery.attemptCount).toBeGreaterThanOrEqual(1);
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
  }, 240_000);
});
