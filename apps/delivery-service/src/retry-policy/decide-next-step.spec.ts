import { decideNextStep, deliveryStatusOf, type NextStepInput } from './decide-next-step';

describe('decideNextStep', () => {
  const now = Date.parse('2026-11-22T10:00:00.000Z');
  const input = (overrides: Partial<NextStepInput> = {}): NextStepInput => ({
    deliveryId: 'dlv_1',
    attempt: 1,
    outcome: 'http_5xx',
    responseStatus: 500,
    responseHeaders: {},
    policy: { preset: 'custom', delaysSeconds: [10, 20] },
    mode: 'scheduled',
    nowMs: now,
    expiresAtMs: null,
    maxRetryAfterMs: 3_600_000,
    ...overrides,
  });

  it('succeeds on 2xx only', () => {
    expect(decideNextStep(input({ outcome: 'success', responseStatus: 204 }))).toEqual({ kind: 'succeeded' });
    expect(decideNextStep(input({ outcome: 'http_3xx', responseStatus: 302 }))).toEqual({
      kind: 'retry',
      dueAtMs: now + 10_000,
    });
  });

  it('retries on the schedule, then gives up when it is exhausted', () => {
    expect(decideNextStep(input({ attempt: 2 }))).toEqual({ kind: 'retry', dueAtMs: now + 20_000 });
    expect(decideNextStep(input({ attempt: 3 }))).toEqual({ kind: 'gave-up', reason: 'exhausted' });
    expect(decideNextStep(input({ policy: { preset: 'none' } }))).toEqual({
      kind: 'gave-up',
      reason: 'exhausted',
    });
  });

  it('retries on timeouts and network failures', () => {
    expect(
      decideNextStep(input({ outcome: 'timeout', responseStatus: null, responseHeaders: null })),
    ).toEqual({
      kind: 'retry',
      dueAtMs: now + 10_000,
    });
  });

  it('stops at once on 410 Gone, whatever the schedule says', () => {
    expect(decideNextStep(input({ outcome: 'http_4xx', responseStatus: 410 }))).toEqual({
      kind: 'gave-up',
      reason: 'gone',
    });
  });

  it('makes a manual redelivery a single attempt', () => {
    expect(decideNextStep(input({ mode: 'manual' }))).toEqual({ kind: 'gave-up', reason: 'single-attempt' });
  });

  it('lets Retry-After on 429/503 postpone the retry, within the bound, never advance it', () => {
    const asking = (status: number, value: string, overrides: Partial<NextStepInput> = {}) =>
      decideNextStep(
        input({
          outcome: status === 429 ? 'http_4xx' : 'http_5xx',
          responseStatus: status,
          responseHeaders: { 'Retry-After': value },
          ...overrides,
        }),
      );
    expect(asking(429, '30')).toEqual({ kind: 'retry', dueAtMs: now + 30_000 });
    expect(asking(503, 'Sun, 22 Nov 2026 10:01:00 GMT')).toEqual({ kind: 'retry', dueAtMs: now + 60_000 });
    expect(asking(429, '2')).toEqual({ kind: 'retry', dueAtMs: now + 10_000 });
    expect(asking(429, '999999')).toEqual({ kind: 'retry', dueAtMs: now + 3_600_000 });
    expect(asking(500, '30')).toEqual({ kind: 'retry', dueAtMs: now + 10_000 });
    expect(asking(429, 'later')).toEqual({ kind: 'retry', dueAtMs: now + 10_000 });
  });

  it('moves a retry that would fall after the expiry to the expiry itself', () => {
    expect(decideNextStep(input({ expiresAtMs: now + 4_000 }))).toEqual({
      kind: 'retry',
      dueAtMs: now + 4_000,
    });
    expect(decideNextStep(input({ outcome: 'expired', responseStatus: null }))).toEqual({ kind: 'expired' });
  });

  it('draws the same jitter for the same delivery and attempt', () => {
    const standard = input({ policy: { preset: 'standard' } });
    expect(decideNextStep(standard)).toEqual(decideNextStep(standard));
  });

  it('maps each step to the delivery status the attempt event carries', () => {
    expect(deliveryStatusOf({ kind: 'succeeded' })).toBe('succeeded');
    expect(deliveryStatusOf({ kind: 'expired' })).toBe('expired');
    expect(deliveryStatusOf({ kind: 'gave-up', reason: 'gone' })).toBe('failed');
    expect(deliveryStatusOf({ kind: 'retry', dueAtMs: now })).toBe('retrying');
  });
});
