import { parseRetryAfter } from './parse-retry-after';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-22T10:00:00.000Z');

  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 7 ', 7_000],
    ['Sun, 22 Nov 2026 10:00:30 GMT', 30_000],
    ['Sunday, 22-Nov-26 10:01:00 GMT', 60_000],
    ['Sun Nov 22 10:00:05 2026', 5_000],
    ['Sun, 22 Nov 2026 09:00:00 GMT', 0],
  ])('reads %j as %i ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    '',
    '-5',
    '1.5',
    'soon',
    '2026-11-22T10:00:30Z',
    'Sun, 99 Nov 2026 10:00:30 GMT',
  ])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});
