import { MAX_JSON_DEPTH, findUnstorableJson } from './storable-json';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) {
    value = { a: value };
  }
  return value;
}

describe(findUnstorableJson.name, () => {
  it('accepts ordinary JSON, emoji (surrogate pairs) and every other plane included', () => {
    expect(findUnstorableJson({ name: 'Café 🚀', list: [1, 'x', null, { ok: true }], n: 1.5 })).toEqual([]);
  });

  it('names the field of a NUL character, in values and keys, nested and in arrays', () => {
    expect(findUnstorableJson({ data: { note: 'a\u0000b' } })).toEqual([
      'data.note must not contain the NUL character (\\u0000)',
    ]);
    expect(findUnstorableJson({ events: [{ subject: 'ok' }, { subject: '\u0000' }] })).toEqual([
      'events[1].subject must not contain the NUL character (\\u0000)',
    ]);
    expect(findUnstorableJson({ metadata: { 'k\u0000': 'v' } })).toEqual([
      'metadata has a key that contains the NUL character (\\u0000)',
    ]);
  });

  it('refuses lone surrogates, high and low', () => {
    expect(findUnstorableJson({ subject: 'x\uD800' })).toEqual([
      'subject must not contain a lone UTF-16 surrogate (not valid Unicode)',
    ]);
    expect(findUnstorableJson({ subject: '\uDC00y' })).toHaveLength(1);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s wherever it is', (key) => {
    const body = JSON.parse(`{"data":{"customer":{"${key}":{"x":1}}}}`) as unknown;
    expect(findUnstorableJson(body)).toEqual([`data.customer.${key} is a reserved name and not allowed`]);
  });

  it(`bounds nesting at ${MAX_JSON_DEPTH} levels without recursion`, () => {
    expect(findUnstorableJson(nested(MAX_JSON_DEPTH))).toEqual([]);
    expect(findUnstorableJson(nested(MAX_JSON_DEPTH + 1))).toEqual([
      `${'a.'.repeat(MAX_JSON_DEPTH).slice(0, -1)} nests deeper than ${MAX_JSON_DEPTH} levels`,
    ]);
    expect(findUnstorableJson(nested(200_000))).toHaveLength(1);
  });

  it('checks a bare string with the name it is given, and prefixes paths with the root', () => {
    expect(findUnstorableJson('a\u0000', 'id')).toEqual(['id must not contain the NUL character (\\u0000)']);
    expect(findUnstorableJson({ to: 'x\u0000' }, 'query')).toEqual([
      'query.to must not contain the NUL character (\\u0000)',
    ]);
  });

  it('reports at most a handful of problems, so a hostile body cannot make a huge answer', () => {
    const body = Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`k${index}`, '\u0000']));
    expect(findUnstorableJson(body).length).toBeLessThanOrEqual(10);
  });
});
