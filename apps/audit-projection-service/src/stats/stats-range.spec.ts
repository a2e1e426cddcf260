import { bucketStarts, resolveStatsRange } from './stats-range';

describe(resolveStatsRange.name, () => {
  const now = new Date('2026-11-22T18:28:37.000Z');

  it('defaults to the last 24 hourly buckets, ending with the current hour', () => {
    expect(resolveStatsRange({}, now)).toEqual({
      ok: true,
      range: {
        from: new Date('2026-11-21T19:00:00.000Z'),
        to: new Date('2026-11-22T19:00:00.000Z'),
        bucket: 'hour',
      },
    });
  });

  it('widens to whole UTC days for day buckets', () => {
    expect(
      resolveStatsRange(
        { from: '2026-11-01T05:00:00+02:00', to: '2026-11-03T00:00:00.000Z', bucket: 'day' },
        now,
      ),
    ).toEqual({
      ok: true,
      range: {
        from: new Date('2026-11-01T00:00:00.000Z'),
        to: new Date('2026-11-03T00:00:00.000Z'),
        bucket: 'day',
      },
    });
  });

  it('keeps a boundary that is already on a bucket and includes the current hour when `to` is now', () => {
    const exact = resolveStatsRange(
      { from: '2026-11-22T10:00:00.000Z', to: '2026-11-22T12:00:00.000Z' },
      now,
    );
    expect(exact.ok && bucketStarts(exact.range).map((start) => start.toISOString())).toEqual([
      '2026-11-22T10:00:00.000Z',
      '2026-11-22T11:00:00.000Z',
    ]);
    const onTheHour = resolveStatsRange({}, new Date('2026-11-22T18:00:00.000Z'));
    expect(onTheHour.ok && onTheHour.range.to.toISOString()).toBe('2026-11-22T19:00:00.000Z');
  });

  it('refuses an empty or reversed range and one with too many buckets', () => {
    expect(resolveStatsRange({ from: '2026-11-22T12:00:00Z', to: '2026-11-22T12:00:00Z' }, now)).toEqual({
      ok: false,
      reason: 'from must be before to',
    });
    const tooLong = resolveStatsRange({ from: '2026-09-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }, now);
    expect(tooLong.ok).toBe(false);
    expect(!tooLong.ok && tooLong.reason).toContain('use bucket=day');
    expect(
      resolveStatsRange({ from: '2026-09-01T00:00:00Z', to: '2026-11-01T00:00:00Z', bucket: 'day' }, now).ok,
    ).toBe(true);
  });
});
