import { CircuitBreaker } from './circuit-breaker';

describe(CircuitBreaker.name, () => {
  const options = { failureThreshold: 3, cooldownMs: 1_000, maxCooldownMs: 3_000 };

  it('opens after N consecutive failures and refuses until the cool-down ends', () => {
    const breaker = new CircuitBreaker(options);
    breaker.onFailure(0, false);
    breaker.onFailure(0, false);
    expect(breaker.permit(0)).toEqual({ allowed: true, probe: false });
    breaker.onFailure(100, false);
    expect(breaker.state(100)).toBe('open');
    expect(breaker.permit(500)).toEqual({ allowed: false, retryAtMs: 1_100 });
  });

  it('a success in between resets the count', () => {
    const breaker = new CircuitBreaker(options);
    breaker.onFailure(0, false);
    breaker.onFailure(0, false);
    breaker.onSuccess();
    breaker.onFailure(0, false);
    breaker.onFailure(0, false);
    expect(breaker.state(0)).toBe('closed');
  });

  it('half-open: lets one probe through at a time; its success closes the breaker', () => {
    const breaker = new CircuitBreaker(options);
    for (let index = 0; index < 3; index += 1) breaker.onFailure(0, false);
    expect(breaker.state(1_000)).toBe('half-open');
    expect(breaker.permit(1_000)).toEqual({ allowed: true, probe: true });
    expect(breaker.permit(1_001)).toEqual({ allowed: false, retryAtMs: 2_001 });
    breaker.onSuccess();
    expect(breaker.state(1_002)).toBe('closed');
    expect(breaker.permit(1_002)).toEqual({ allowed: true, probe: false });
  });

  it('a failed probe reopens it for twice as long, up to the bound', () => {
    const breaker = new CircuitBreaker(options);
    for (let index = 0; index < 3; index += 1) breaker.onFailure(0, false);
    breaker.permit(1_000);
    breaker.onFailure(1_000, true);
    expect(breaker.permit(2_999)).toEqual({ allowed: false, retryAtMs: 3_000 });
    breaker.permit(3_000);
    breaker.onFailure(3_000, true);
    expect(breaker.permit(3_000)).toEqual({ allowed: false, retryAtMs: 6_000 });
    breaker.permit(6_000);
    breaker.onFailure(6_000, true);
    expect(breaker.permit(6_000)).toEqual({ allowed: false, retryAtMs: 9_000 });
  });

  it('a probe that was not sent frees the way for the next one', () => {
    const breaker = new CircuitBreaker(options);
    for (let index = 0; index < 3; index += 1) breaker.onFailure(0, false);
    expect(breaker.permit(1_000)).toEqual({ allowed: true, probe: true });
    breaker.releaseProbe();
    expect(breaker.permit(1_000)).toEqual({ allowed: true, probe: true });
  });
});
