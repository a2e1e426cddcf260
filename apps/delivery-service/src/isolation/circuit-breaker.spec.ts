import { CircuitBreaker, TRIAL_REQUESTS } from './circuit-breaker';

describe(CircuitBreaker.name, () => {
  const options = {
    failureRateThreshold: 0.8,
    minimumRequests: 10,
    windowMs: 10_000,
    cooldownMs: 1_000,
    maxCooldownMs: 3_000,
  };
  const failTimes = (breaker: CircuitBreaker, count: number, atMs = 0) => {
    for (let index = 0; index < count; index += 1) {
      breaker.onFailure(atMs, false);
    }
  };

  it('opens once the window holds enough requests and enough of them failed, and refuses until the cool-down ends', () => {
    const breaker = new CircuitBreaker(options);
    failTimes(breaker, 9);
    expect(breaker.permit(0)).toEqual({ allowed: true, probe: false });
    breaker.onFailure(100, false);
    expect(breaker.state(100)).toBe('open');
    expect(breaker.permit(500)).toEqual({ allowed: false, retryAtMs: 1_100 });
  });

  it('stays closed for an endpoint that fails first attempts and accepts their retries', () => {
    const breaker = new CircuitBreaker(options);
    // Bursts of refused first attempts, then their retries accepted, over and over.
    for (let round = 0; round < 20; round += 1) {
      const atMs = round * 1_000;
      failTimes(breaker, 8, atMs);
      for (let index = 0; index < 8; index += 1) {
        breaker.onSuccess(atMs + 500, false);
      }
      expect(breaker.permit(atMs + 600)).toEqual({ allowed: true, probe: false });
    }
  });

  it('forgets what left the window', () => {
    const breaker = new CircuitBreaker(options);
    failTimes(breaker, 9, 0);
    expect(breaker.isQuiet(5_000)).toBe(false);
    breaker.onFailure(10_500, false);
    expect(breaker.state(10_500)).toBe('closed');
    expect(breaker.isQuiet(21_000)).toBe(true);
  });

  it('half-open: a trial that starts with one probe and doubles with each success, then closes with an empty window', () => {
    const breaker = new CircuitBreaker(options);
    failTimes(breaker, 10);
    expect(breaker.state(1_000)).toBe('half-open');
    expect(breaker.permit(1_000)).toEqual({ allowed: true, probe: true });
    expect(breaker.permit(1_001)).toEqual({ allowed: false, retryAtMs: 2_001 });
    breaker.onSuccess(1_002, true);
    // Two in flight now.
    expect([breaker.permit(1_003), breaker.permit(1_003), breaker.permit(1_003)]).toEqual([
      { allowed: true, probe: true },
      { allowed: true, probe: true },
      { allowed: false, retryAtMs: 2_003 },
    ]);
    breaker.onSuccess(1_004, true);
    breaker.onFailure(1_004, true);
    expect(breaker.state(1_004)).toBe('half-open');
    breaker.permit(1_005);
    breaker.permit(1_005);
    breaker.onSuccess(1_006, true);
    breaker.onSuccess(1_006, true);
    expect(breaker.state(1_006)).toBe('closed');
    expect(breaker.permit(1_006)).toEqual({ allowed: true, probe: false });
    // The window starts empty: a few failures after closing do not reopen it at once.
    failTimes(breaker, 5, 1_100);
    expect(breaker.state(1_100)).toBe('closed');
  });

  it('a trial that keeps failing reopens it for twice as long, up to the bound', () => {
    const breaker = new CircuitBreaker(options);
    failTimes(breaker, 10);
    const failTrial = (atMs: number) => {
      for (let probe = 0; probe < TRIAL_REQUESTS; probe += 1) {
        expect(breaker.permit(atMs)).toEqual({ allowed: true, probe: true });
        breaker.onFailure(atMs, true);
      }
    };
    failTrial(1_000);
    expect(breaker.permit(2_999)).toEqual({ allowed: false, retryAtMs: 3_000 });
    failTrial(3_000);
    expect(breaker.permit(3_000)).toEqual({ allowed: false, retryAtMs: 6_000 });
    failTrial(6_000);
    expect(breaker.permit(6_000)).toEqual({ allowed: false, retryAtMs: 9_000 });
  });

  it('a probe that was not sent frees the way for the next one', () => {
    const breaker = new CircuitBreaker(options);
    failTimes(breaker, 10);
    expect(breaker.permit(1_000)).toEqual({ allowed: true, probe: true });
    breaker.releaseProbe();
    expect(breaker.permit(1_000)).toEqual({ allowed: true, probe: true });
  });
});
