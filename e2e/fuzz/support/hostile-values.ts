import fc from 'fast-check';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) {
    value = { a: value };
  }
  return value;
}

// Own properties named like prototype members, as JSON.parse makes them (a literal would set the prototype).
const withReservedKey = (key: string): unknown => JSON.parse(`{"${key}":{"polluted":true}}`);

/** Strings that break storage, parsing or display, or that look like something they are not. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFF',
  '\r\nX-Injected: 1',
  '\t',
  '%00',
  '%ED%A0%80',
  '__proto__',
  'constructor',
  'prototype',
  '\u202Egnp.exe',
  'zero\u200Bwidth',
  '\uFEFF',
  '𝌆🚀',
  'x'.repeat(5_000),
  '9999-12-31T23:59:59Z',
  '+099999-01-01T00:00:00.000Z',
  '2026-02-30T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  'yesterday',
  'https://127.0.0.1/hook',
  'https://[::1]/hook',
  'https://169.254.169.254/latest/meta-data',
  'https://hooks.example.com:0/in',
  'https://hooks.example.com/a b',
  'https://hooks.example.com/in\r\n',
  'http://hooks.example.com/in',
  'javascript:alert(1)',
  'whsec_',
  'whsec_AAAA',
  '-1',
  '1e309',
  'null',
  'true',
];

/** Anything a careless or hostile client could put where a value belongs (one arbitrary, shared). */
export function hostileValue(): fc.Arbitrary<unknown> {
  hostile ??= buildHostileValue();
  return hostile;
}

let hostile: fc.Arbitrary<unknown> | undefined;

function buildHostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    {
      weight: 3,
      arbitrary: fc.constantFrom<unknown>(
        null,
        [null],
        [],
        {},
        [[null]],
        -1,
        0,
        1.5,
        -0,
        2 ** 31,
        2 ** 53 + 2,
        -(2 ** 63),
        1e308,
        true,
        false,
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        nested(40),
        nested(3_000),
        withReservedKey('__proto__'),
        withReservedKey('constructor'),
        withReservedKey('prototype'),
        Array.from({ length: 1_001 }, () => 'x'),
      ),
    },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}
