import { toWellFormed } from './well-formed';

describe(toWellFormed.name, () => {
  it('leaves well-formed text untouched, surrogate pairs included', () => {
    expect(toWellFormed('héllo 😀 {"a",\\}')).toBe('héllo 😀 {"a",\\}');
  });

  it('replaces each lone surrogate with U+FFFD', () => {
    expect(toWellFormed('a\uD800b\uDC00c\uD83D')).toBe('a\uFFFDb\uFFFDc\uFFFD');
    expect(toWellFormed('\uDC00\uD800😀')).toBe('\uFFFD\uFFFD😀');
  });

  it('ends as UTF-8 encoding would leave the text', () => {
    for (const text of ['x\uD800', '\uDFFF\uD800\uDC00', 'é\uDBFFz', '\uD800\uD800\uDC00']) {
      expect(toWellFormed(text)).toBe(Buffer.from(text, 'utf8').toString('utf8'));
    }
  });
});
