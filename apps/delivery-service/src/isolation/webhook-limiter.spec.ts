import { WebhookLimiter, type LimiterDecision } from './webhook-limiter';

const held = (decision: LimiterDecision): (() => void) => {
  if (!decision.ok) throw new Error(`refused: ${decision.reason}`);
  return decision.release;
};

describe(WebhookLimiter.name, () => {
  const webhook = { id: 'wh_1', maxConcurrency: 2, rateLimitPerSecond: null };

  it('caps requests in flight per webhook and refuses past the wait budget, asking for the shortest tier', async () => {
    const limiter = new WebhookLimiter(16, () => 1_000);
    const first = held(await limiter.acquire(webhook, 0));
    held(await limiter.acquire(webhook, 0));
    await expect(limiter.acquire(webhook, 0)).resolves.toEqual({
      ok: false,
      reason: 'webhook_busy',
      retryAtMs: 2_000,
    });
    const waiting = limiter.acquire(webhook, 5_000);
    first();
    expect((await waiting).ok).toBe(true);
    await expect(limiter.acquire({ ...webhook, id: 'wh_2' }, 0)).resolves.toMatchObject({ ok: true });
  });

  it('uses the platform default when the webhook sets no cap', async () => {
    const limiter = new WebhookLimiter(1);
    held(await limiter.acquire({ ...webhook, maxConcurrency: null }, 0));
    await expect(limiter.acquire({ ...webhook, maxConcurrency: null }, 0)).resolves.toMatchObject({
      ok: false,
      reason: 'webhook_busy',
    });
  });

  it('enforces the rate limit: waits within the budget, refuses beyond it with when to come back', async () => {
    let now = 0;
    const limiter = new WebhookLimiter(16, () => now);
    const limited = { id: 'wh_rate', maxConcurrency: null, rateLimitPerSecond: 1 };
    held(await limiter.acquire(limited, 0))();
    await expect(limiter.acquire(limited, 0)).resolves.toEqual({
      ok: false,
      reason: 'rate_limited',
      retryAtMs: 1_000,
    });
    // A backlog is sent back spaced at the rate, not all at the same instant.
    await expect(limiter.acquire(limited, 0)).resolves.toMatchObject({ retryAtMs: 2_000 });
    await expect(limiter.acquire(limited, 0)).resolves.toMatchObject({ retryAtMs: 3_000 });
    now = 999;
    held(await limiter.acquire(limited, 50))();
    now = 999;
    await expect(limiter.acquire(limited, 10)).resolves.toMatchObject({ ok: false, reason: 'rate_limited' });
  });

  it('forgets idle webhooks', async () => {
    const limiter = new WebhookLimiter(16);
    held(await limiter.acquire(webhook, 0))();
    expect(limiter.trackedWebhooks).toBe(0);
  });
});
