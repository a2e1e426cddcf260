import type { AttemptEvent } from '@hookline/contracts';
import { getMetadataStorage } from 'class-validator';
import { aRetriedDelivery, anAttemptEvent } from '../../test/attempt-event.fixture';
import { validateMessage } from '../common/validate-message';
import { AttemptEventDto, DeliveredPayloadDto } from './dto/attempt-event.dto';
import { isValidAttemptEvent } from './is-valid-attempt-event';

/** The class-validator path, which the fast check must never be more lenient than. */
function slowPath(value: unknown) {
  try {
    return validateMessage(AttemptEventDto, value, 'attempt event');
  } catch (error) {
    return { ok: false as const, reason: String(error) };
  }
}

/** A constraint as text; a `@ValidateIf` condition by what it skips. */
function describeConstraint(constraint: unknown): string {
  if (constraint instanceof RegExp) {
    return String(constraint);
  }
  if (typeof constraint === 'function') {
    const runsFor = (value: unknown) => Boolean(constraint({}, value));
    const skipsNullOnly = !runsFor(null) && runsFor(undefined) && runsFor('') && runsFor(0);
    return skipsNullOnly ? 'skips null' : 'another condition';
  }
  return JSON.stringify(constraint) ?? 'undefined';
}

/** Each property's checks as class-validator registered them, e.g. `maxLength(256)`. */
function rulesOf(dtoClass: new () => object): Record<string, string[]> {
  const rules: Record<string, string[]> = {};
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(dtoClass, '', true, false)) {
    const constraints: unknown[] = metadata.constraints ?? [];
    const name = metadata.name ?? metadata.type;
    (rules[metadata.propertyName] ??= []).push(`${name}(${constraints.map(describeConstraint).join(', ')})`);
  }
  return Object.fromEntries(Object.entries(rules).map(([property, list]) => [property, list.sort()]));
}

const ID = ['isNotEmpty()', 'isString()', 'maxLength(256)'];
const FILLED = ['isNotEmpty()', 'isString()'];
const TIMESTAMP = [
  'isIso8601({"strict":true,"strictSeparator":true})',
  'isString()',
  'matches(/T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$/, undefined)',
];
const NULLABLE = ['conditionalValidation(skips null)', 'isDefined()'];
const DATE = ['isIso8601({"strict":true})', 'isString()'];

const PAYLOAD = {
  id: 'evt_1',
  type: 'job.created',
  timestamp: '2026-11-22T10:00:00.000Z',
  data: { jobId: 'job_1' },
};

/** Values a field is swapped for: right and wrong types, bounds, date shapes, tricky objects. */
const CANDIDATES: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  'x'.repeat(256),
  'x'.repeat(257),
  // 256 characters in 512 UTF-16 units: within MaxLength(256), beyond a plain length check.
  '😀'.repeat(256),
  '😀'.repeat(257),
  'a\uD800b',
  0,
  1,
  -1,
  1.5,
  99,
  100,
  200,
  599,
  600,
  2 ** 31,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  'true',
  '200',
  [],
  ['x'],
  {},
  { a: 'b' },
  { a: 1 },
  { a: null },
  { a: { b: 'c' } },
  { constructor: 'x' },
  { toString: 'x' },
  { valueOf: { a: 1 } },
  JSON.parse('{"__proto__": {"a": "b"}}'),
  '2026-11-22T10:00:00.000Z',
  '2026-11-22T10:00:00Z',
  '2026-11-22T10:00Z',
  '2026-11-22T12:00:01.123456+02:00',
  '2026-11-22T10:00:00.000+0200',
  '2026-11-22T10:00:00',
  '2026-11-22t10:00:00Z',
  '2026-11-22 10:00:00Z',
  '2026-11-22',
  '2026-02-30T10:00:00Z',
  '2026-02-29',
  '2026-W47-7T10:00:00Z',
  '20261122T100000Z',
  'yesterday',
  'success',
  'http_5xx',
  'expired',
  'succeeded',
  'retrying',
  'done',
  'Success',
  'evt_other',
  { ...PAYLOAD, id: 'evt_other' },
  { ...PAYLOAD, data: 'x' },
  { ...PAYLOAD, data: [] },
  { ...PAYLOAD, data: { nested: [{ toString: 'x' }] } },
  [PAYLOAD],
];

function bases(): Array<[string, AttemptEvent]> {
  const [failed, succeeded] = aRetriedDelivery();
  const event = anAttemptEvent();
  return [
    ['a first attempt answered 200', event],
    ['a failed attempt to retry', failed],
    ['a retry that succeeded', succeeded],
    [
      'an attempt without a response',
      anAttemptEvent({
        responseStatus: null,
        responseHeaders: null,
        responseBody: null,
        outcome: 'timeout',
        error: 'no response within 15s',
        deliveryStatus: 'retrying',
        nextAttemptAt: '2026-11-22T12:05:00+02:00',
      }),
    ],
    [
      'an event dated without a time',
      { ...event, eventOccurredAt: '2026-11-22', payload: { ...event.payload, timestamp: '2026-11-22' } },
    ],
  ];
}

/** The event with `path` (`field` or `payload.field`) set to `value`, or removed when `remove`. */
function mutated(event: AttemptEvent, path: string, value: unknown, remove = false): Record<string, unknown> {
  const copy: Record<string, unknown> = structuredClone(event) as unknown as Record<string, unknown>;
  const [head, tail] = path.split('.');
  const target = tail === undefined ? copy : (copy[head] as Record<string, unknown>);
  const key = tail ?? head;
  if (remove) {
    delete target[key];
  } else {
    target[key] = value;
  }
  return copy;
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe(isValidAttemptEvent.name, () => {
  it('is written against the decorators AttemptEventDto has now (change both together)', () => {
    expect(rulesOf(AttemptEventDto)).toEqual({
      attemptId: ID,
      deliveryId: ID,
      eventId: ID,
      eventType: ID,
      organizationId: ID,
      webhookId: ID,
      subject: FILLED,
      url: FILLED,
      attempt: ['isInt()', 'min(1)'],
      startedAt: TIMESTAMP,
      durationMs: ['isInt()', 'min(0)'],
      requestHeaders: ['isStringRecord()'],
      responseStatus: [...NULLABLE, 'isInt()', 'max(599)', 'min(100)'].sort(),
      responseHeaders: [...NULLABLE, 'isStringRecord()'].sort(),
      responseBody: [...NULLABLE, 'isString()'].sort(),
      responseBodyTruncated: ['isBoolean()'],
      outcome: [expect.stringMatching(/^isIn\(\["success",/)],
      error: [...NULLABLE, 'isString()'].sort(),
      deliveryStatus: ['isIn(["pending","succeeded","retrying","failed","expired"])'],
      nextAttemptAt: [...NULLABLE, ...TIMESTAMP].sort(),
      eventOccurredAt: DATE,
      payload: ['isDefined()', 'nestedValidation()'],
    });
    expect(rulesOf(DeliveredPayloadDto)).toEqual({
      id: ID,
      type: FILLED,
      timestamp: DATE,
      data: ['isObject()'],
    });
  });

  it.each(bases())('accepts %s, as class-validator does', (_, event) => {
    expect(isValidAttemptEvent(plain(event))).toBe(true);
    expect(slowPath(plain(event)).ok).toBe(true);
  });

  const fields = [
    ...Object.keys(anAttemptEvent()),
    ...Object.keys(anAttemptEvent().payload).map((key) => `payload.${key}`),
    'extra',
    'payload.extra',
  ];

  it.each(fields)('never accepts %s with a value class-validator refuses, and accepts it equal', (field) => {
    let compared = 0;
    for (const [, event] of bases()) {
      const variants = [
        mutated(event, field, undefined, true),
        ...CANDIDATES.map((c) => mutated(event, field, c)),
      ];
      for (const variant of variants) {
        if (!isValidAttemptEvent(variant)) {
          continue;
        }
        const slow = slowPath(variant);
        expect({ field, value: plain(variant), slow: slow.ok }).toEqual({
          field,
          value: plain(variant),
          slow: true,
        });
        if (slow.ok) {
          expect(plain(variant)).toEqual(plain(slow.value));
        }
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('leaves an event with a key class-transformer would drop to class-validator', () => {
    const event = anAttemptEvent();
    for (const variant of [
      { ...event, requestHeaders: { ...event.requestHeaders, toString: 'x' } },
      { ...event, payload: { ...event.payload, data: { items: [{ valueOf: 1 }] } } },
      { ...event, payload: JSON.parse(`{"__proto__": {}, ${JSON.stringify(event.payload).slice(1)}`) },
    ]) {
      expect(isValidAttemptEvent(variant)).toBe(false);
    }
  });
});
