import { TestReceiver, eventually, type ReceivedRequest } from '@hookline/testing';
import { call } from '../support/api-client';
import { freePort } from '../support/free-port';
import {
  createOrganization,
  serviceOf,
  startPlatform,
  type Organization,
  type Platform,
  type Service,
  publishEvent,
  untilRouted,
} from '../support/platform';

/** Sum of a Prometheus counter or gauge over its label sets, from one service's /metrics. */
async function metricSum(service: Service, name: string): Promise<number> {
  const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/**
 * Two delivery-service containers in one consumer group: a second replica joins while events flow,
 * both then take a share of the partitions, and the second leaves again (SIGTERM) while events flow.
 * Every accepted event reaches the receiver through both rebalances.
 */
describe('delivery-service replicas share the work and a rebalance loses nothing', () => {
  let platform: Platform;
  let receiver: TestReceiver;
  let organization: Organization;
  let second: Service;

  const idOf = (request: ReceivedRequest) => request.headers['webhook-id'] as string;
  const received = (eventId: string) => receiver.requests.some((request) => idOf(request) === eventId);

  const publish = (subject: string) => publishEvent(platform, organization.apiKey.key, subject);

  /** Publishes one event after another until `until` settles; returns their ids. */
  const publishWhile = async (prefix: string, until: Promise<unknown>): Promise<string[]> => {
    let done = false;
    void until.finally(() => (done = true));
    const ids: string[] = [];
    while (!done || ids.length < 10) {
      ids.push(await publish(`${prefix}_${ids.length}`));
    }
    await until;
    return ids;
  };

  const expectAllDelivered = (ids: string[]) =>
    eventually(() => expect(ids.filter((id) => !received(id))).toEqual([]), {
      timeoutMs: 90_000,
      intervalMs: 250,
    });

  beforeAll(async () => {
    receiver = await TestReceiver.start();
    platform = await startPlatform();
    organization = await createOrganization(platform, 'Replica Roofing');
    const webhook = await call<{ id: string }>('POST', `${platform.subscription.baseUrl}/v1/webhooks`, {
      token: organization.apiKey.key,
      body: { name: 'replicas', url: `${receiver.url}/jobs`, events: ['job.*'], active: true },
    });
    expect(webhook.status).toBe(201);
    await untilRouted(
      () => publish('job_warmup'),
      (id) => expect(received(id)).toBe(true),
      { timeoutMs: 90_000 },
    );
    second = serviceOf('delivery-service', await freePort(), platform.env);
  }, 240_000);

  afterAll(async () => {
    await second?.stop();
    await platform?.stop();
    await receiver?.stop();
  });

  it('delivers every event while a second replica joins, and both replicas then deliver', async () => {
    const duringJoin = await publishWhile('job_join', second.start());
    await expectAllDelivered(duringJoin);

    const firstBefore = await metricSum(platform.delivery, 'hookline_delivery_attempts_total');
    const secondBefore = await metricSum(second, 'hookline_delivery_attempts_total');
    const afterJoin: string[] = [];
    // Distinct subjects spread over the partitions, which the group now splits between the two.
    for (let index = 0; index < 60; index += 1) {
      afterJoin.push(await publish(`job_shared_${index}`));
    }
    await expectAllDelivered(afterJoin);
    await eventually(async () => {
      expect(await metricSum(platform.delivery, 'hookline_delivery_attempts_total')).toBeGreaterThan(
        firstBefore,
      );
      expect(await metricSum(second, 'hookline_delivery_attempts_total')).toBeGreaterThan(secondBefore);
    });
  });

  it("holds a webhook's concurrency cap for the webhook as a whole, not once per replica", async () => {
    const HOLD_MS = 300;
    receiver.respondWith((request) =>
      request.path === '/capped'
        ? { status: 200, body: 'ok', delayMs: HOLD_MS }
        : { status: 200, body: 'ok' },
    );
    const capped = await call<{ id: string }>('POST', `${platform.subscription.baseUrl}/v1/webhooks`, {
      token: organization.apiKey.key,
      body: {
        name: 'capped',
        url: `${receiver.url}/capped`,
        events: ['job.*'],
        active: true,
        maxConcurrency: 2,
      },
    });
    expect(capped.status).toBe(201);
    // Each replica reads the group's membership every few seconds and enforces half the cap.
    await eventually(async () => {
      expect(await metricSum(platform.delivery, 'hookline_delivery_limit_replicas')).toBe(2);
      expect(await metricSum(second, 'hookline_delivery_limit_replicas')).toBe(2);
    });
    const cappedIds = (eventId: string) =>
      receiver.requestsTo('/capped').filter((request) => idOf(request) === eventId).length;
    await untilRouted(
      () => publish('job_capped_warmup'),
      (id) => expect(cappedIds(id)).toBe(1),
    );

    const firstBefore = await metricSum(platform.delivery, 'hookline_delivery_attempts_total');
    const secondBefore = await metricSum(second, 'hookline_delivery_attempts_total');
    const ids: string[] = [];
    for (let index = 0; index < 24; index += 1) {
      ids.push(await publish(`job_capped_${index}`));
    }
    await eventually(() => expect(ids.filter((id) => cappedIds(id) === 0)).toEqual([]), {
      timeoutMs: 90_000,
      intervalMs: 250,
    });
    // Both replicas delivered to it, and never more than two requests were open at the receiver.
    expect(await metricSum(platform.delivery, 'hookline_delivery_attempts_total')).toBeGreaterThan(
      firstBefore,
    );
    expect(await metricSum(second, 'hookline_delivery_attempts_total')).toBeGreaterThan(secondBefore);
    const arrivals = receiver.requestsTo('/capped').map((request) => request.receivedAt);
    const mostOpen = Math.max(
      ...arrivals.map((at) => arrivals.filter((other) => other <= at && other > at - HOLD_MS).length),
    );
    expect(mostOpen).toBeLessThanOrEqual(2);
    receiver.respondWith(() => ({ status: 200, body: 'ok' }));
  });

  it('delivers every event while the second replica leaves on SIGTERM, which exits 0', async () => {
    const duringLeave = await publishWhile('job_leave', second.stop());
    expect(second.lastExit).toEqual({ code: 0, signal: null });
    await expectAllDelivered(duringLeave);
  });
});
