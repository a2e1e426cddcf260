import { EndpointHealth } from './endpoint-health';

describe(EndpointHealth.name, () => {
  const options = {
    failureRateThreshold: 1,
    minimumRequests: 2,
    windowMs: 10_000,
    cooldownMs: 1_000,
    maxCooldownMs: 4_000,
    autoDisableAfterMs: 10_000,
  };
  const webhook = { id: 'wh_1', version: 3 };
  const fresh = { failingSinceMs: null, failedAttemptsBefore: 0 };

  it('holds nothing for healthy webhooks', () => {
    const health = new EndpointHealth(options);
    expect(health.record(webhook, 'success', 200, 0, false, fresh)).toEqual({
      recoveredAfter: null,
      disable: null,
    });
    expect(health.failingWebhooks).toBe(0);
    expect(health.permit('wh_1', 0)).toEqual({ allowed: true, probe: false });
  });

  it('tracks the streak, opens the breaker, and reports the recovery with the failures before it', () => {
    const health = new EndpointHealth(options);
    health.record(webhook, 'timeout', null, 0, false, fresh);
    expect(health.failingSince('wh_1')).toBe(0);
    health.record(webhook, 'http_5xx', 500, 100, false, fresh);
    expect(health.permit('wh_1', 200)).toEqual({ allowed: false, retryAtMs: 1_100 });
    expect(health.openBreakers(200)).toBe(1);
    expect(health.permit('wh_1', 1_100)).toEqual({ allowed: true, probe: true });
    expect(health.record(webhook, 'success', 200, 1_200, true, fresh)).toEqual({
      recoveredAfter: 2,
      disable: null,
    });
    expect(health.failingSince('wh_1')).toBeNull();
    // The trial goes on: two probes may be in flight now.
    expect(health.permit('wh_1', 1_200)).toEqual({ allowed: true, probe: true });
  });

  it('lets an endpoint that refuses first attempts and accepts their retries drain, once its breaker closed', () => {
    const health = new EndpointHealth({ ...options, failureRateThreshold: 0.8, minimumRequests: 10 });
    const retryOf = (atMs: number) => ({ failingSinceMs: atMs, failedAttemptsBefore: 1 });
    // At first only refused first attempts: indistinguishable from an endpoint that is down.
    for (let index = 0; index < 10; index += 1) {
      health.record(webhook, 'http_5xx', 503, index, false, fresh);
    }
    expect(health.permit('wh_1', 100)).toMatchObject({ allowed: false });
    // After the cool-down, held first attempts and retries come back as the trial's probes, mixed.
    for (let probe = 0; probe < 5; probe += 1) {
      const atMs = 1_010 + probe;
      expect(health.permit('wh_1', atMs)).toEqual({ allowed: true, probe: true });
      if (probe % 2 === 0) {
        health.record(webhook, 'success', 200, atMs, true, retryOf(0));
      } else {
        health.record(webhook, 'http_5xx', 503, atMs, true, fresh);
      }
    }
    // Closed: from then on first attempts fail and their retries succeed side by side, and it stays so.
    for (let step = 0; step < 200; step += 1) {
      const atMs = 1_100 + step * 50;
      expect(health.permit('wh_1', atMs)).toEqual({ allowed: true, probe: false });
      health.record(webhook, 'http_5xx', 503, atMs, false, fresh);
      health.record(webhook, 'success', 200, atMs, false, retryOf(atMs));
    }
    expect(health.openBreakers(11_200)).toBe(0);
  });

  it('after a restart, learns the streak from the retry task', () => {
    const health = new EndpointHealth(options);
    expect(
      health.record(webhook, 'success', 200, 50_000, false, {
        failingSinceMs: 1_000,
        failedAttemptsBefore: 3,
      }),
    ).toEqual({ recoveredAfter: 3, disable: null });
    const verdict = health.record(webhook, 'timeout', null, 50_000, false, {
      failingSinceMs: 1_000,
      failedAttemptsBefore: 1,
    });
    expect(verdict.disable).toMatchObject({ reason: 'failing' });
    expect(health.failingSince('wh_1')).toBe(1_000);
  });

  it('reports a streak recovered once, by the success that ended it, however many were in flight', () => {
    const health = new EndpointHealth(options);
    health.record(webhook, 'http_5xx', 500, 0, false, fresh);
    health.record(webhook, 'http_5xx', 500, 10, false, fresh);
    // Dispatched while the webhook was failing: each carries the streak start; some are retries.
    const inFlight = [
      { failingSinceMs: 0, failedAttemptsBefore: 0 },
      { failingSinceMs: 0, failedAttemptsBefore: 1 },
      { failingSinceMs: 0, failedAttemptsBefore: 0 },
      { failingSinceMs: 0, failedAttemptsBefore: 2 },
    ];

    const verdicts = inFlight.map((hint, index) =>
      health.record(webhook, 'success', 200, 2_000 + index, false, hint),
    );

    expect(verdicts.map((verdict) => verdict.recoveredAfter)).toEqual([2, null, null, null]);
  });

  it('reports the recovery of a later streak again', () => {
    const health = new EndpointHealth(options);
    health.record(webhook, 'http_5xx', 500, 0, false, fresh);
    expect(health.record(webhook, 'success', 200, 100, false, fresh).recoveredAfter).toBe(1);
    health.record(webhook, 'timeout', null, 5_000, false, fresh);
    expect(health.record(webhook, 'success', 200, 5_100, false, fresh).recoveredAfter).toBe(1);
    // A retry task written during the first streak, after both recoveries: nothing to report.
    expect(
      health.record(webhook, 'success', 200, 6_000, false, { failingSinceMs: 0, failedAttemptsBefore: 1 })
        .recoveredAfter,
    ).toBeNull();
  });

  it('asks to disable a webhook failing for the configured period, once per state version', () => {
    const health = new EndpointHealth(options);
    health.record(webhook, 'timeout', null, 0, false, fresh);
    expect(health.record(webhook, 'timeout', null, 9_999, false, fresh).disable).toBeNull();
    expect(health.record(webhook, 'timeout', null, 10_000, false, fresh).disable).toEqual({
      reason: 'failing',
      detail: expect.stringContaining('every attempt failed since 1970-01-01T00:00:00.000Z'),
    });
    expect(health.record(webhook, 'timeout', null, 11_000, false, fresh).disable).toBeNull();
    expect(
      health.record({ ...webhook, version: 4 }, 'timeout', null, 12_000, false, fresh).disable,
    ).toMatchObject({
      reason: 'failing',
    });
  });

  it('asks to disable at once on 410 Gone', () => {
    const health = new EndpointHealth(options);
    expect(health.record(webhook, 'http_4xx', 410, 0, false, fresh).disable).toEqual({
      reason: 'gone',
      detail: 'endpoint answered 410 Gone',
    });
  });
});
