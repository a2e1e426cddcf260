import { toStorableJson } from './storable-json';

describe(toStorableJson.name, () => {
  it('is JSON.stringify for text Postgres stores, surrogate pairs and escapes included', () => {
    const value = { 'ké\n': ['héllo 😀 {"a",\\}', '\\u0000', '\u0001\u001f\u007f', 1.5, null, true] };
    expect(toStorableJson(value)).toBe(JSON.stringify(value));
  });

  it('replaces NUL and each lone surrogate with U+FFFD, in keys and values', () => {
    const value = JSON.parse('{"a\\u0000":["\\u0000x","a\\ud800b\\udc00c\\ud83d","\\udc00\\ud800😀"]}');
    expect(JSON.parse(toStorableJson(value))).toEqual({
      'a\uFFFD': ['\uFFFDx', 'a\uFFFDb\uFFFDc\uFFFD', '\uFFFD\uFFFD😀'],
    });
  });

  it('ends as UTF-8 encoding leaves a lone surrogate', () => {
    for (const text of ['x\uD800', '\uDFFF\uD800\uDC00', 'é\uDBFFz', '\uD800\uD800\uDC00']) {
      expect(JSON.parse(toStorableJson(text))).toBe(Buffer.from(text, 'utf8').toString('utf8'));
    }
  });

  it('reads a backslash before "u0000" as text', () => {
    for (const text of ['\\u0000', '\\\\u0000', '\\\u0000', 'a\\\\\\ud800']) {
      const stored = JSON.parse(toStorableJson(text)) as string;
      expect(stored).toBe(text.replace(/\u0000/g, '\uFFFD'));
    }
  });
});
