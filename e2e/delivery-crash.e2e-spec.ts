import { eventually, type ReceivedRequest } from '@hookline/testing';
import { succeededDelivery } from './support/delivery-log';
import { useStage } from './support/stage';

/**
 * delivery-service is SIGKILLed three times while events flow and retries are pending. Every event
 * the ingest API accepted must still reach the receiver, and the log must hold each delivery with
 * its attempts. The receiver fails the first request of every event, so each one needs a retry
 * (standard policy: ~5 s) that has to survive the kills.
 */
describe('delivery-service survives SIGKILL without losing an accepted event', () => {
  const seen = new Map<string, number>();
  const statuses: number[] = [];
  const stage = useStage('Crash Test Roofing', {
    reply: (request) => {
      const id = idOf(request);
      const count = (seen.get(id) ?? 0) + 1;
      seen.set(id, count);
      const status = count === 1 ? 500 : 200;
      statuses.push(status);
      return { status, body: status === 200 ? 'ok' : 'not yet' };
    },
    env: {
      DELIVERY_SESSION_TIMEOUT_MS: '8000',
      // Every first request fails on purpose; the breaker would (rightly) slow the whole test down.
      DELIVERY_BREAKER_MIN_REQUESTS: '100000',
    },
  });
  let webhookId: string;

  const idOf = (request: ReceivedRequest) => request.headers['webhook-id'] as string;
  const successes = (eventId: string) =>
    stage.receiver.requests.filter((request, index) => idOf(request) === eventId && statuses[index] === 200)
      .length;

  const publish = (subject: string) => stage.publish(subject);

  const publishMany = async (prefix: string, count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      ids.push(await publish(`${prefix}_${index % 5}`));
    }
    return ids;
  };

  const crashAndRestart = async () => {
    await stage.platform.delivery.kill();
    await stage.platform.delivery.start();
  };

  beforeAll(async () => {
    ({ id: webhookId } = await stage.routedWebhookAt(
      '/jobs',
      { name: 'crash receiver' },
      { arrived: (id) => expect(seen.get(id)).toBeGreaterThanOrEqual(1), perTryMs: 2_000 },
    ));
  }, 180_000);

  it('delivers every accepted event at least once and logs its attempts, across three crashes', async () => {
    const accepted: string[] = [];

    // Crash 1: right after a burst, while first attempts are being made and recorded.
    accepted.push(...(await publishMany('job_a', 15)));
    await crashAndRestart();

    // Crash 2: once the burst's first (failing) attempts arrived, so their retries are pending.
    const second = await publishMany('job_b', 15);
    accepted.push(...second);
    await eventually(() => expect(second.filter((id) => seen.has(id)).length).toBeGreaterThanOrEqual(5), {
      timeoutMs: 30_000,
    });
    await crashAndRestart();

    // Crash 3: while retries are being attempted.
    const third = await publishMany('job_c', 10);
    accepted.push(...third);
    await eventually(() => expect(accepted.some((id) => successes(id) > 0)).toBe(true), {
      timeoutMs: 30_000,
    });
    await crashAndRestart();
    accepted.push(...(await publishMany('job_d', 5)));

    await eventually(
      () => {
        const missing = accepted.filter((id) => successes(id) === 0);
        expect(missing).toEqual([]);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(new Set(accepted).size).toBe(45);

    for (const eventId of accepted) {
      const detail = await succeededDelivery(stage.platform, stage.key, { webhookId, eventId }, (found) =>
        // Every request the receiver saw is logged, a request a kill cut short as interrupted.
        expect(found.attempts.length).toBeGreaterThanOrEqual(seen.get(eventId) ?? 0),
      );
      const numbers = [...new Set(detail.attempts.map((attempt) => attempt.attempt))].sort((a, b) => a - b);
      // Attempt numbers run from 1 without a gap (a replay after a crash may log one number twice).
      expect(numbers).toEqual(numbers.map((_, index) => index + 1));
      expect(detail.attempts.some((attempt) => attempt.responseStatus === 200)).toBe(true);
      expect(
        detail.attempts.every(
          (attempt) =>
            attempt.responseStatus === 200 ||
            attempt.responseStatus === 500 ||
            attempt.outcome === 'interrupted',
        ),
      ).toBe(true);
      // No answer is logged that the receiver did not give.
      const answered = detail.attempts.filter((attempt) => attempt.responseStatus !== null);
      expect(answered.length).toBeLessThanOrEqual(seen.get(eventId) ?? 0);
    }
  }, 420_000);
});
