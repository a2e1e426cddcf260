import { RetentionPolicy } from './retention-policy';

describe(RetentionPolicy.name, () => {
  const policy = new RetentionPolicy({ payloadDays: 30, attemptDays: 90, statsDays: 400 });
  const now = new Date('2026-11-22T12:00:00.000Z');

  it('places each cutoff its number of days before now', () => {
    expect(policy.cutoffs(now)).toEqual({
      payloads: new Date('2026-10-23T12:00:00.000Z'),
      attempts: new Date('2026-08-24T12:00:00.000Z'),
      stats: new Date('2025-10-18T12:00:00.000Z'),
    });
  });

  it('keeps an attempt that started exactly at the cutoff and drops one a millisecond older', () => {
    expect(policy.isAttemptRetained('2026-08-24T12:00:00.000Z', now)).toBe(true);
    expect(policy.isAttemptRetained('2026-08-24T11:59:59.999Z', now)).toBe(false);
    expect(policy.isAttemptRetained('2026-08-24T14:00:00.000+02:00', now)).toBe(true);
  });

  it('judges payloads by when their event occurred', () => {
    expect(policy.isPayloadRetained('2026-10-23T12:00:00.000Z', now)).toBe(true);
    expect(policy.isPayloadRetained('2026-10-23T11:59:59.999Z', now)).toBe(false);
  });
});
