import { InvalidArgumentError } from 'commander';
import { parseEventList, parseSince } from './parse-options';

describe(parseSince.name, () => {
  const now = new Date('2026-11-22T12:00:00.000Z');

  it.each([
    ['30m', '2026-11-22T11:30:00.000Z'],
    ['6h', '2026-11-22T06:00:00.000Z'],
    ['2d', '2026-11-20T12:00:00.000Z'],
    ['2026-11-21T00:00:00+01:00', '2026-11-20T23:00:00.000Z'],
  ])('reads %s', (value, expected) => {
    expect(parseSince(value, now)).toBe(expected);
  });

  it.each(['yesterday', '5 minutes', '12'])('refuses %s and says what it takes', (value) => {
    expect(() => parseSince(value, now)).toThrow(InvalidArgumentError);
    expect(() => parseSince(value, now)).toThrow(/ISO instant .* or a duration/);
  });
});

describe(parseEventList.name, () => {
  it('splits, trims and drops empty entries', () => {
    expect(parseEventList(' job.*, estimate.created ,')).toEqual(['job.*', 'estimate.created']);
  });

  it('refuses an empty list', () => {
    expect(() => parseEventList(' , ')).toThrow('at least one event type');
  });
});
