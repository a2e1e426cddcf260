import { eventually, type ReceivedRequest } from '@hookline/testing';
import { succeededDelivery } from './support/delivery-log';
import { useStage } from './support/stage';

// Longer than a quarter of SHUTDOWN_TIMEOUT_MS (what each consumer once had to drain), well within all of it.
const RECEIVER_DELAY_MS = 4_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * delivery-service gets SIGTERM (as Kubernetes sends it) while its deliveries are in flight at a slow
 * receiver. Unlike a SIGKILL, nothing may be delivered twice: the in-flight deliveries finish, their
 * attempts and offsets are committed, and the process exits 0. After a restart, the rest arrive once.
 */
describe('delivery-service stops on SIGTERM without losing or repeating a delivery', () => {
  const stage = useStage('Sigterm Roofing', {
    reply: () => ({ status: 200, body: 'ok', delayMs: RECEIVER_DELAY_MS }),
    env: { SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) },
  });
  let webhookId: string;

  const idOf = (request: ReceivedRequest) => request.headers['webhook-id'] as string;
  const timesReceived = (eventId: string) =>
    stage.receiver.requests.filter((r) => idOf(r) === eventId).length;

  const publish = (subject: string) => stage.publish(subject);

  const unfinishedMessages = async (): Promise<number> => {
    const metrics = await (await fetch(`${stage.platform.delivery.baseUrl}/metrics`)).text();
    return metrics
      .split('\n')
      .filter((line) => line.startsWith('hookline_delivery_unfinished_messages'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  };

  beforeAll(async () => {
    ({ id: webhookId } = await stage.routedWebhookAt(
      '/jobs',
      { name: 'slow receiver' },
      { arrived: (id) => expect(timesReceived(id)).toBe(1) },
    ));
  }, 180_000);

  it('finishes the deliveries in flight, commits them, exits 0, and delivers each event exactly once', async () => {
    const accepted: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      accepted.push(await publish(`job_sigterm_${index}`));
    }
    // Deliveries are in flight: the receiver holds every request for RECEIVER_DELAY_MS.
    await eventually(() => expect(accepted.filter((id) => timesReceived(id) > 0).length).toBeGreaterThan(4), {
      timeoutMs: 20_000,
    });
    const inFlightAtSignal = accepted.filter((id) => timesReceived(id) > 0);

    const signalledAt = Date.now();
    await stage.platform.delivery.stop();
    const stoppedIn = Date.now() - signalledAt;
    expect(stage.platform.delivery.lastExit).toEqual({ code: 0, signal: null });
    expect(stoppedIn).toBeGreaterThanOrEqual(RECEIVER_DELAY_MS / 2);
    expect(stoppedIn).toBeLessThan(SHUTDOWN_TIMEOUT_MS);

    await stage.platform.delivery.start();
    await eventually(() => expect(accepted.filter((id) => timesReceived(id) === 0)).toEqual([]), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    // Once the restarted instance has nothing unfinished, anything it re-read has been sent again.
    await eventually(async () => expect(await unfinishedMessages()).toBe(0), { timeoutMs: 30_000 });
    const repeated = accepted.filter((id) => timesReceived(id) > 1);
    expect({ repeated, inFlightAtSignal: inFlightAtSignal.length }).toEqual({
      repeated: [],
      inFlightAtSignal: inFlightAtSignal.length,
    });

    // The log holds one delivery per event with the single attempt the receiver saw.
    for (const eventId of accepted) {
      const detail = await succeededDelivery(stage.platform, stage.key, { webhookId, eventId });
      expect(detail.attempts).toEqual([expect.objectContaining({ attempt: 1, responseStatus: 200 })]);
    }
  }, 300_000);
});
