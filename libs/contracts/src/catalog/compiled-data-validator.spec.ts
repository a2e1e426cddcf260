import { compiledDataValidator } from './compiled-data-validator';
import { EVENT_CATALOG } from './event-catalog';
import type { EventTypeDefinition } from './event-type-definition';
import { validateWithDecorators } from './validate-event-data';

type Json = Record<string, unknown>;

/**
 * Values a field is swapped for: right and wrong types, bounds, and the strings each format judges.
 * Reserved keys (`constructor`, `__proto__`) are not among them: the envelope check refuses them first.
 */
const CANDIDATES: unknown[] = [
  null,
  '',
  ' ',
  'x',
  'a b',
  'x'.repeat(20),
  'x'.repeat(21),
  'x'.repeat(100),
  'x'.repeat(101),
  'x'.repeat(128),
  'x'.repeat(129),
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(255),
  'x'.repeat(256),
  '😀'.repeat(255),
  '😀'.repeat(256),
  'x\uFE0F'.repeat(128),
  'a\uD800b',
  '\u00a0',
  'x\u2028y',
  0,
  1,
  -1,
  1.5,
  -0.5,
  2 ** 53,
  true,
  false,
  '1',
  [],
  ['x'],
  [{}],
  {},
  { a: 1 },
  '2026-11-22T10:00:00.000Z',
  '2026-11-22T10:00:00Z',
  '2026-11-22T10:00:00',
  '2026-11-22 10:00:00Z',
  '2026-11-22',
  '2026-02-30',
  '2026-13-01',
  '20261122',
  'https://example.com/a',
  'https://localhost',
  'http://example.com',
  'https://',
  'https://exa mple.com',
  'ftp://example.com',
  'someone@example.com',
  'someone@localhost',
  'a@b',
  'US',
  'us',
  'XX',
  'USD',
  'usd',
  'XYZ',
  '123e4567-e89b-12d3-a456-426614174000',
  '123e4567-e89b-12d3-a456-42661417400',
  'job.created',
  'Job.Created',
  'job',
];

/** Every path to a field of `value`: its keys, and inside nested objects and the first list item. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) {
    return value.length === 0 ? [] : pathsOf(value[0], [...prefix, 0]);
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  return Object.entries(value).flatMap(([key, child]) => [
    [...prefix, key],
    ...pathsOf(child, [...prefix, key]),
  ]);
}

function mutated(data: Json, path: Array<string | number>, value: unknown, remove = false): Json {
  const copy = structuredClone(data);
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) {
    parent = (parent as Record<string | number, unknown>)[key];
  }
  const last = path[path.length - 1];
  const target = parent as Record<string | number, unknown>;
  if (remove) {
    if (Array.isArray(target)) {
      target.splice(Number(last), 1);
    } else {
      delete target[last];
    }
  } else {
    target[last] = value;
  }
  return copy;
}

/** class-validator's verdict; validator.js throws on a lone surrogate in an email, which counts as refused. */
function decoratorsAccept(definition: EventTypeDefinition, data: Json): boolean {
  try {
    return validateWithDecorators(definition, structuredClone(data)).ok;
  } catch {
    return false;
  }
}

describe(compiledDataValidator.name, () => {
  it.each(EVENT_CATALOG.map((definition) => [definition.type, definition]))(
    'accepts the example of %s, as class-validator does',
    (_, definition) => {
      expect(validateWithDecorators(definition, structuredClone(definition.example)).ok).toBe(true);
      expect(compiledDataValidator(definition.dataClass)(structuredClone(definition.example))).toBe(true);
    },
  );

  it.each(EVENT_CATALOG.map((definition) => [definition.type, definition]))(
    'never accepts a mutation of %s that class-validator refuses, and agrees on nearly all',
    (_, definition) => {
      const example = structuredClone(definition.example) as Json;
      const validate = compiledDataValidator(definition.dataClass);
      const paths = [...pathsOf(example), ['extra']];
      let compared = 0;
      let agreed = 0;
      const moreLenient: string[] = [];
      for (const path of paths) {
        const variants = [
          mutated(example, path, undefined, true),
          ...CANDIDATES.map((c) => mutated(example, path, c)),
        ];
        for (const variant of variants) {
          const fast = validate(structuredClone(variant));
          const decorators = decoratorsAccept(definition, variant);
          compared += 1;
          agreed += fast === decorators ? 1 : 0;
          if (fast && !decorators) {
            moreLenient.push(`${path.join('.')} = ${JSON.stringify(variant).slice(0, 80)}`);
          }
        }
      }
      expect(moreLenient).toEqual([]);
      expect(compared).toBeGreaterThan(paths.length * CANDIDATES.length);
      // Refusing what class-validator accepts costs only speed; it must stay rare.
      expect(agreed / compared).toBeGreaterThan(0.95);
    },
  );
});
