import { findEventType } from './catalog';
import { plainToInstance } from 'class-transformer';
import {
  ENVELOPE_SCHEMA,
  EventEnvelope,
  domainTopicOfType,
  eventTopicProblem,
  validateEnvelope,
  validateEnvelopeShell,
} from './envelope';
import { newAjv } from './messages/ajv';
import { validateInstance } from './validation';

const valid = {
  id: 'evt_1',
  type: 'job.created',
  organizationId: 'org_1',
  subject: 'job_1',
  occurredAt: '2026-11-22T10:00:00.000Z',
  data: findEventType('job.created')?.example,
};

describe('envelope validation', () => {
  it('accepts a valid event, shell and data', () => {
    expect(validateEnvelope(valid)).toMatchObject({ ok: true, value: { id: 'evt_1' } });
    expect(validateEnvelopeShell(valid).ok).toBe(true);
  });

  it('checks the shell alone without looking at data; the full validation names the data field', () => {
    const badData = { ...valid, data: { ...(valid.data as object), customer: { phone: 12 } } };
    expect(validateEnvelopeShell(badData).ok).toBe(true);
    const full = validateEnvelope(badData);
    expect(full.ok).toBe(false);
    if (!full.ok) {
      expect(full.errors.join('; ')).toMatch(/^data\.customer\./);
    }
  });

  it('refuses a broken shell in both, naming the field', () => {
    for (const validate of [validateEnvelope, validateEnvelopeShell]) {
      expect(validate([])).toEqual({ ok: false, errors: ['event must be a JSON object'] });
      expect(validate({ ...valid, type: 'job.teleported' })).toEqual({
        ok: false,
        errors: ['type "job.teleported" is not in the event catalog'],
      });
      const result = validate({ ...valid, occurredAt: 'yesterday', extra: 1 });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors).toContain('extra is not allowed');
        expect(result.errors.some((error) => error.startsWith('occurredAt'))).toBe(true);
      }
    }
  });

  it('refuses, in both, what a Kafka producer that skipped ingest could send and Postgres cannot store', () => {
    const data = valid.data as { address: object };
    const withNul = { ...valid, data: { ...data, address: { ...data.address, city: 'Aus\u0000tin' } } };
    const withReservedKey = JSON.parse(
      JSON.stringify(valid).replace('"data":{', '"data":{"constructor":{},'),
    ) as unknown;
    for (const validate of [validateEnvelope, validateEnvelopeShell]) {
      expect(validate(withNul)).toEqual({
        ok: false,
        errors: ['data.address.city must not contain the NUL character (\\u0000)'],
      });
      expect(validate({ ...valid, subject: 'job\uD800' })).toMatchObject({ ok: false });
      expect(validate(withReservedKey)).toEqual({
        ok: false,
        errors: ['data.constructor is a reserved name and not allowed'],
      });
    }
  });

  it("refuses an event read from another type's domain topic, when the topic is given", () => {
    expect(validateEnvelopeShell(valid, { topic: 'domain.job.v1' }).ok).toBe(true);
    expect(validateEnvelopeShell(valid, { topic: 'domain.estimate.v1' })).toEqual({
      ok: false,
      errors: ['type "job.created" belongs on domain.job.v1, not domain.estimate.v1'],
    });
    expect(validateEnvelope(valid, { topic: 'domain.estimate.v1' }).ok).toBe(false);
    expect(eventTopicProblem('job.created', 'domain.job.v1')).toBeNull();
    expect(domainTopicOfType('estimate.sent')).toBe('domain.estimate.v1');
  });
});

describe('an envelope target', () => {
  it('must be an object: an empty list is not a target', () => {
    expect(validateEnvelopeShell({ ...valid, target: { webhookId: 'wh_1', minVersion: 1 } }).ok).toBe(true);
    expect(validateEnvelopeShell({ ...valid, target: [] })).toEqual({
      ok: false,
      errors: ['target must be an object'],
    });
  });
});

describe('the compiled envelope check', () => {
  // Every field set, so each can be removed or swapped.
  const example = {
    ...valid,
    expiresAt: '2026-11-23T10:00:00.000Z',
    target: { webhookId: 'wh_1', minVersion: 2 },
  };
  const candidates: unknown[] = [
    undefined,
    null,
    '',
    ' ',
    'x',
    'x'.repeat(128),
    'x'.repeat(129),
    'x'.repeat(256),
    'x'.repeat(257),
    '😀'.repeat(256),
    'a b',
    'job.created',
    0,
    1,
    -1,
    1.5,
    true,
    [],
    {},
    { a: 1 },
    { webhookId: 'wh_1', minVersion: 1 },
    { webhookId: 'wh 1', minVersion: 1 },
    { webhookId: 'wh_1', minVersion: 0 },
    { webhookId: 'wh_1', minVersion: 1, extra: true },
    { webhookId: 'wh_1' },
    '2026-11-22T10:00:00.000Z',
    '2026-11-22T10:00:00',
    '2026-11-22',
    '2026-02-30',
    'yesterday',
  ];
  const classValidatorAccepts = (value: unknown): boolean => {
    const instance = plainToInstance(EventEnvelope, value);
    return validateInstance(instance).length === 0;
  };
  const compiledAccepts = newAjv(false).compile(ENVELOPE_SCHEMA);

  it('accepts nothing the DTO refuses, and agrees with it on nearly every mutation', () => {
    let compared = 0;
    const moreLenient: string[] = [];
    const stricter: string[] = [];
    for (const key of [...Object.keys(example), 'extra']) {
      const removed: Record<string, unknown> = { ...example };
      delete removed[key];
      for (const variant of [removed, ...candidates.map((value) => ({ ...example, [key]: value }))]) {
        compared += 1;
        const fast = compiledAccepts(variant);
        const decorators = classValidatorAccepts(variant);
        const described = `${key}: ${JSON.stringify(variant[key as keyof typeof variant])}`;
        if (fast && !decorators) {
          moreLenient.push(described);
        } else if (!fast && decorators) {
          stricter.push(described);
        }
      }
    }
    expect(moreLenient).toEqual([]);
    expect(stricter).toEqual([]);
    expect(compared).toBeGreaterThan(250);
  });
});
