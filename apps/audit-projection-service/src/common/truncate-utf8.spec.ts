import { truncateUtf8 } from './truncate-utf8';

describe(truncateUtf8.name, () => {
  it('leaves text within the limit untouched', () => {
    expect(truncateUtf8('héllo', 6)).toEqual({ text: 'héllo', truncated: false });
  });

  it('cuts ASCII at exactly the limit', () => {
    expect(truncateUtf8('abcdef', 4)).toEqual({ text: 'abcd', truncated: true });
  });

  it('never splits a multi-byte character', () => {
    // "€" is 3 bytes: a 4-byte limit keeps "a" and drops the euro sign whole.
    expect(truncateUtf8('a€b', 4)).toEqual({ text: 'a€', truncated: true });
    expect(truncateUtf8('a€b', 3)).toEqual({ text: 'a', truncated: true });
    expect(truncateUtf8('😀😀', 5)).toEqual({ text: '😀', truncated: true });
  });
});
