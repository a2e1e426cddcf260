import { resolveBackfillWindow } from './resolve-backfill-window';

describe(resolveBackfillWindow.name, () => {
  const now = new Date('2026-11-21T12:00:00.000Z');
  const problemsOf = (result: ReturnType<typeof resolveBackfillWindow>) => (result.ok ? [] : result.problems);

  it('ends the window now by default and takes every catalog type the webhook subscribes to', () => {
    const result = resolveBackfillWindow({ since: '2026-11-20T00:00:00Z' }, ['job.*'], now);
    expect(result.ok && result.window.until).toEqual(now);
    expect(result.ok && result.window.eventTypes).toContain('job.created');
    expect(result.ok && result.window.eventTypes.every((type) => type.startsWith('job.'))).toBe(true);
  });

  it('never ends the window after now: later events arrive live', () => {
    const result = resolveBackfillWindow(
      { since: '2026-11-20T00:00:00Z', until: '2027-01-01T00:00:00Z' },
      ['*'],
      now,
    );
    expect(result.ok && result.window.until).toEqual(now);
  });

  it.each([
    [{ since: '2026-11-22T00:00:00Z' }, 'since must be in the past'],
    [{ since: '2026-11-20T00:00:00Z', until: '2026-11-19T00:00:00Z' }, 'since must be before until'],
    [{ since: '2026-10-01T00:00:00Z' }, 'the window from since to until may span at most 30 days'],
  ])('refuses the window %j: %s', (asked, problem) => {
    expect(problemsOf(resolveBackfillWindow(asked, ['*'], now))).toEqual([problem]);
  });

  it('names each event type that is unknown or not subscribed', () => {
    const result = resolveBackfillWindow(
      { since: '2026-11-20T00:00:00Z', eventTypes: ['job.created', 'job.craeted', 'estimate.created'] },
      ['job.*'],
      now,
    );
    expect(problemsOf(result)).toEqual([
      'eventTypes[1] "job.craeted" is not a known event type; did you mean "job.created"?',
      'eventTypes[2] "estimate.created" is not one the webhook subscribes to (job.*)',
    ]);
  });
});
