import { WebhookLimiter, type LimiterDecision, type WebhookLimiterOptions } from './webhook-limiter';

const held = (decision: LimiterDecision): (() => void) => {
  if (!decision.ok) {
    throw new Error(`refused: ${decision.reason}`);
  }
  return decision.release;
};

describe(WebhookLimiter.name, () => {
  const webhook = { id: 'wh_1', maxConcurrency: 2, rateLimitPerSecond: null };
  let now = 0;
  const options: WebhookLimiterOptions = {
    defaultMaxConcurrency: 16,
    stallMs: 1_000,
    maxQueueWaitMs: 30_000,
    maxQueued: 1_000,
  };
  const limiterWith = (overrides: Partial<WebhookLimiterOptions> = {}) =>
    new WebhookLimiter({ ...options, ...overrides }, () => now);
  /** Reads the (fake) system clock, as the service's limiter does. */
  const limiterOnSystemClock = () => new WebhookLimiter(options);
  /** Lets granted waiters run their continuation. */
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  beforeEach(() => {
    now = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('caps requests in flight per webhook and serves the others from an in-memory queue, in order', async () => {
    const limiter = limiterWith();
    const first = held(await limiter.acquire(webhook));
    const second = held(await limiter.acquire(webhook));
    const order: number[] = [];
    const waiting = [1, 2, 3].map((index) =>
      limiter.acquire(webhook).then((decision) => {
        order.push(index);
        return decision;
      }),
    );
    expect(limiter.queued).toBe(3);
    now = 50;
    first();
    second();
    await settle();
    expect(order).toEqual([1, 2]);
    held(await waiting[0])();
    await settle();
    expect(order).toEqual([1, 2, 3]);
    expect((await waiting[2]).ok).toBe(true);
    // Another webhook is not affected by this one's queue.
    await expect(limiter.acquire({ ...webhook, id: 'wh_2' })).resolves.toMatchObject({ ok: true });
  });

  it('refuses at once when the expected wait exceeds maxQueueWaitMs, asking to come back when a slot should be free', async () => {
    const limiter = limiterWith({ maxQueueWaitMs: 10_000 });
    // A request held 4 s: the pace is 4 s per round of 2 slots.
    const measured = held(await limiter.acquire(webhook));
    now = 4_000;
    measured();
    const slots = [held(await limiter.acquire(webhook)), held(await limiter.acquire(webhook))];
    // Rounds ahead × 4 s: the 1st and 2nd waiters expect 4 s, the 3rd and 4th 8 s, the 5th 12 s.
    const admitted = [1, 2, 3, 4].map(() => limiter.acquire(webhook));
    expect(limiter.queued).toBe(4);
    await expect(limiter.acquire(webhook)).resolves.toEqual({
      ok: false,
      reason: 'webhook_busy',
      // Back when a slot should be free, but within the 5 s tier: an estimate on a busy process runs long.
      retryAtMs: 4_000 + 5_000,
    });
    slots.forEach((free) => free());
    held(await admitted[0])();
    held(await admitted[1])();
    held(await admitted[2])();
    held(await admitted[3])();
    expect(limiter.queued).toBe(0);
  });

  it('refuses past maxQueued at once', async () => {
    const limiter = limiterWith({ maxQueued: 1 });
    const slots = [held(await limiter.acquire(webhook)), held(await limiter.acquire(webhook))];
    const queued = limiter.acquire(webhook);
    await expect(limiter.acquire(webhook)).resolves.toMatchObject({ ok: false, reason: 'webhook_busy' });
    slots.forEach((free) => free());
    held(await queued)();
  });

  it('gives up on a webhook whose requests stop finishing: its waiters are refused after the stall budget', async () => {
    jest.useFakeTimers();
    now = Date.now();
    const limiter = limiterOnSystemClock();
    held(await limiter.acquire(webhook));
    held(await limiter.acquire(webhook));
    const waiting = limiter.acquire(webhook);
    await jest.advanceTimersByTimeAsync(999);
    expect(limiter.queued).toBe(1);
    // The check is due at 1 s and decides after the I/O phase that follows.
    await jest.advanceTimersByTimeAsync(2);
    await expect(waiting).resolves.toMatchObject({ ok: false, reason: 'webhook_busy' });
    expect(limiter.queued).toBe(0);
    // Still nothing finished: the next delivery is refused as soon as the check runs, told to come back later.
    const next = limiter.acquire(webhook);
    await jest.advanceTimersByTimeAsync(2);
    const refused = await next;
    expect(refused).toMatchObject({ ok: false, reason: 'webhook_busy' });
    if (!refused.ok) {
      expect(refused.retryAtMs).toBeGreaterThanOrEqual(Date.now() + 1_000);
    }
  });

  it('does not judge a webhook stalled from a check that ran late: answers that waited behind a busy loop count', async () => {
    jest.useFakeTimers();
    const limiter = limiterWith();
    const first = held(await limiter.acquire(webhook));
    held(await limiter.acquire(webhook));
    const waiting = limiter.acquire(webhook);
    // The event loop was blocked for 5 s: the check due at 1 s runs at 5 s, before the answers are read.
    now = 5_000;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(limiter.queued).toBe(1);
    first();
    await expect(waiting).resolves.toMatchObject({ ok: true });
  });

  it('keeps waiting while the webhook finishes requests, however long the queue has waited in total', async () => {
    jest.useFakeTimers();
    const limiter = limiterOnSystemClock();
    const slots = [held(await limiter.acquire(webhook)), held(await limiter.acquire(webhook))];
    const waiters = [1, 2, 3].map(() => limiter.acquire(webhook));
    for (let step = 0; step < 3; step += 1) {
      jest.advanceTimersByTime(800);
      slots.shift()?.();
      slots.push(held(await waiters[step]));
    }
    expect(limiter.queued).toBe(0);
  });

  it('counts a stall only while requests are in flight: an idle gap before a new burst is no stall', async () => {
    jest.useFakeTimers();
    now = Date.now();
    const limiter = limiterWith();
    // A 1 s endpoint with a cap of 2: two requests answered, then nothing for 5 s.
    const firstRound = [held(await limiter.acquire(webhook)), held(await limiter.acquire(webhook))];
    now += 1_000;
    firstRound.forEach((release) => release());
    now += 5_000;
    jest.setSystemTime(now);

    const inFlight = [held(await limiter.acquire(webhook)), held(await limiter.acquire(webhook))];
    const waiters = Array.from({ length: 6 }, () => limiter.acquire(webhook));
    await jest.advanceTimersByTimeAsync(2);
    expect(limiter.queued).toBe(6);
    // The burst's requests answer after 1 s each: every waiter is served in turn, none re-queued.
    const served: LimiterDecision[] = [];
    for (const waiter of waiters) {
      now += 500;
      jest.setSystemTime(now);
      inFlight.shift()?.();
      const decision = await waiter;
      served.push(decision);
      inFlight.push(held(decision));
      await jest.advanceTimersByTimeAsync(1);
    }
    expect(served.map((decision) => decision.ok)).toEqual(Array(6).fill(true));
  });

  it('before any request has finished, judges none overdue before the webhook timeout', async () => {
    jest.useFakeTimers();
    const limiter = limiterOnSystemClock();
    const slow = { ...webhook, timeoutSeconds: 5 };
    const first = held(await limiter.acquire(slow));
    held(await limiter.acquire(slow));
    const waiting = limiter.acquire(slow);

    await jest.advanceTimersByTimeAsync(1_500);
    expect(limiter.queued).toBe(1);
    first();
    await expect(waiting).resolves.toMatchObject({ ok: true });
  });

  it('uses the platform default when the webhook sets no cap', async () => {
    const limiter = limiterWith({ defaultMaxConcurrency: 1, maxQueued: 0 });
    held(await limiter.acquire({ ...webhook, maxConcurrency: null }));
    await expect(limiter.acquire({ ...webhook, maxConcurrency: null })).resolves.toMatchObject({
      ok: false,
      reason: 'webhook_busy',
    });
  });

  it('enforces the rate limit: waits within the stall budget, refuses beyond it with when to come back', async () => {
    const limiter = limiterWith({ stallMs: 0 });
    const limited = { id: 'wh_rate', maxConcurrency: null, rateLimitPerSecond: 1 };
    held(await limiter.acquire(limited))();
    await expect(limiter.acquire(limited)).resolves.toEqual({
      ok: false,
      reason: 'rate_limited',
      retryAtMs: 1_000,
    });
    // A backlog is sent back spaced at the rate, not all at the same instant.
    await expect(limiter.acquire(limited)).resolves.toMatchObject({ retryAtMs: 2_000 });
    await expect(limiter.acquire(limited)).resolves.toMatchObject({ retryAtMs: 3_000 });
    // Within the stall budget, a delivery waits for its token instead.
    const patient = limiterWith({ stallMs: 50 });
    now = 0;
    held(await patient.acquire(limited))();
    now = 960;
    held(await patient.acquire(limited))();
    await expect(patient.acquire(limited)).resolves.toMatchObject({ ok: false, reason: 'rate_limited' });
  });

  it('forgets webhooks idle for a minute', async () => {
    const limiter = limiterWith();
    now = 1;
    held(await limiter.acquire(webhook))();
    expect(limiter.trackedWebhooks).toBe(1);
    now = 60_000;
    held(await limiter.acquire({ ...webhook, id: 'wh_2' }));
    expect(limiter.trackedWebhooks).toBe(2);
    now = 120_001;
    held(await limiter.acquire({ ...webhook, id: 'wh_3' }));
    // wh_1 went, wh_2 (busy) and wh_3 stay.
    expect(limiter.trackedWebhooks).toBe(2);
  });

  describe('split over replicas', () => {
    it("enforces this replica's share of the cap: rounded down, never below one", async () => {
      const limiter = limiterWith({ maxQueueWaitMs: 0 });
      limiter.setReplicas(2);
      const wide = { id: 'wh_wide', maxConcurrency: 5, rateLimitPerSecond: null };
      const releases = [held(await limiter.acquire(wide)), held(await limiter.acquire(wide))];
      await expect(limiter.acquire(wide)).resolves.toMatchObject({ ok: false, reason: 'webhook_busy' });

      limiter.setReplicas(3);
      const narrow = { id: 'wh_narrow', maxConcurrency: 2, rateLimitPerSecond: null };
      held(await limiter.acquire(narrow));
      await expect(limiter.acquire(narrow)).resolves.toMatchObject({ ok: false, reason: 'webhook_busy' });
      releases.forEach((release) => release());
    });

    it("enforces this replica's share of the rate", async () => {
      const limiter = limiterWith({ stallMs: 0 });
      limiter.setReplicas(4);
      const limited = { id: 'wh_rate_split', maxConcurrency: null, rateLimitPerSecond: 8 };
      // 2 per second here: a burst of two, then the next token is half a second away.
      held(await limiter.acquire(limited));
      held(await limiter.acquire(limited));
      const refused = await limiter.acquire(limited);
      expect(refused).toMatchObject({ ok: false, reason: 'rate_limited' });
      now = 500;
      held(await limiter.acquire(limited));
    });

    it('treats a nonsensical replica count as one', () => {
      const limiter = limiterWith();
      limiter.setReplicas(0);
      expect(limiter.replicaCount).toBe(1);
      limiter.setReplicas(2.5);
      expect(limiter.replicaCount).toBe(1);
    });
  });
});
