import { isLaterAttempt, latestAttempt, type AttemptRank } from './latest-attempt';

const rank = (attempt: number, startedAt: string, attemptId = `att_${attempt}`): AttemptRank => ({
  attempt,
  startedAt,
  attemptId,
});

describe(isLaterAttempt.name, () => {
  it('prefers the higher attempt number even when it started earlier (clock skew)', () => {
    expect(isLaterAttempt(rank(2, '2026-01-01T00:00:00.000Z'), rank(1, '2026-01-01T00:00:05.000Z'))).toBe(
      true,
    );
    expect(isLaterAttempt(rank(1, '2026-01-01T00:00:05.000Z'), rank(2, '2026-01-01T00:00:00.000Z'))).toBe(
      false,
    );
  });

  it('breaks a tie of attempt numbers by the later start', () => {
    expect(isLaterAttempt(rank(3, '2026-01-01T00:00:01.000Z'), rank(3, '2026-01-01T00:00:00.000Z'))).toBe(
      true,
    );
    expect(isLaterAttempt(rank(3, '2026-01-01T00:00:00.000Z'), rank(3, '2026-01-01T00:00:01.000Z'))).toBe(
      false,
    );
  });

  it('compares instants, not strings, across UTC offsets', () => {
    expect(isLaterAttempt(rank(1, '2026-01-01T01:00:01+01:00'), rank(1, '2026-01-01T00:00:00.500Z'))).toBe(
      true,
    );
  });

  it('breaks a full tie by attempt id so the choice never depends on arrival order', () => {
    const a = rank(1, '2026-01-01T00:00:00.000Z', 'att_A');
    const b = rank(1, '2026-01-01T00:00:00.000Z', 'att_B');
    expect(isLaterAttempt(b, a)).toBe(true);
    expect(isLaterAttempt(a, b)).toBe(false);
  });

  it('does not treat an attempt as later than itself (a replay changes nothing)', () => {
    const a = rank(2, '2026-01-01T00:00:00.000Z');
    expect(isLaterAttempt(a, { ...a })).toBe(false);
  });
});

describe(latestAttempt.name, () => {
  it('picks the same attempt whatever the order', () => {
    const attempts = [
      rank(1, '2026-01-01T00:00:00.000Z'),
      rank(3, '2026-01-01T00:10:00.000Z'),
      rank(2, '2026-01-01T00:05:00.000Z'),
    ] as const;
    expect(latestAttempt(attempts).attempt).toBe(3);
    expect(latestAttempt([attempts[1], attempts[2], attempts[0]]).attempt).toBe(3);
  });
});
