import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { findEventType } from '@hookline/contracts';
import { compiledInputCheck } from '@hookline/platform';
import { IngestBatchDto, MAX_BATCH_SIZE } from './ingest-batch.dto';
import { IngestEventDto } from './ingest-event.dto';

/** The decorators' verdict, as the ValidationPipe's thorough path gives it. */
function decoratorsAccept(dto: new () => object, value: unknown): boolean {
  const instance = plainToInstance(dto, value);
  if (typeof instance !== 'object' || instance === null || Array.isArray(instance)) {
    return false;
  }
  return validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }).length === 0;
}

const valid = {
  type: 'job.created',
  organizationId: 'org_1',
  subject: 'job_1',
  occurredAt: '2026-11-22T10:00:00.000Z',
  expiresAt: '2026-11-23T10:00:00.000Z',
  data: findEventType('job.created')?.example,
  idempotencyKey: 'key-1',
};

// Values every field is tried with: the edges of each rule (empty, lengths, patterns, dates, types).
const VALUES: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'a',
  'org_1',
  'org 1',
  '-org',
  'org:1.a-b_c',
  'x'.repeat(128),
  'x'.repeat(129),
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(256),
  'x'.repeat(257),
  `${'x'.repeat(255)}\u{1F600}`,
  `${'x'.repeat(256)}\uFE0F`,
  'é'.repeat(256),
  '2026-11-22T10:00:00.000Z',
  '2026-11-22T10:00:00+02:00',
  '2026-11-22',
  '2026-11-22T10:00:00',
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '20261122T100000Z',
  'yesterday',
  0,
  1,
  -1,
  1.5,
  true,
  false,
  [],
  ['a'],
  {},
  { a: 1 },
  'job.created',
  'job.teleported',
];

describe('ingest input: the compiled checks against the decorators', () => {
  const eventCheck = compiledInputCheck(IngestEventDto);
  const batchCheck = compiledInputCheck(IngestBatchDto);

  it('are registered for both DTOs and accept a valid request', () => {
    expect(eventCheck?.(valid)).toBe(true);
    expect(batchCheck?.({ events: [valid, { type: 'job.created', subject: 's', data: {} }] })).toBe(true);
    expect(decoratorsAccept(IngestEventDto, valid)).toBe(true);
  });

  it('accept no event the decorators refuse, over every field × value and unknown fields', () => {
    const bodies: unknown[] = [null, 'text', 12, [], [valid], {}];
    for (const field of [...Object.keys(valid), 'extra', 'id']) {
      for (const value of VALUES) {
        const body: Record<string, unknown> = { ...valid };
        if (value === undefined) {
          delete body[field];
        } else {
          body[field] = value;
        }
        bodies.push(body);
      }
    }
    let agreed = 0;
    const moreLenient: unknown[] = [];
    for (const body of bodies) {
      const compiled = eventCheck?.(body) ?? false;
      const decorators = decoratorsAccept(IngestEventDto, body);
      if (compiled && !decorators) {
        moreLenient.push(body);
      }
      agreed += compiled === decorators ? 1 : 0;
    }
    expect(moreLenient).toEqual([]);
    // The fast path must also be the usual path: it may refuse a rare valid input, not a common one.
    expect(agreed / bodies.length).toBeGreaterThan(0.97);
  });

  it('accept no batch the decorators refuse', () => {
    const bad = { ...valid, subject: '' };
    const batches: unknown[] = [
      {},
      { events: [] },
      { events: 'no' },
      { events: [valid] },
      { events: [valid, bad] },
      { events: [valid, null] },
      { events: [valid, []] },
      { events: Array.from({ length: MAX_BATCH_SIZE }, () => valid) },
      { events: Array.from({ length: MAX_BATCH_SIZE + 1 }, () => valid) },
      { events: [valid], extra: 1 },
      ...VALUES.map((value) => ({ events: [{ ...valid, occurredAt: value }] })),
    ];
    for (const batch of batches) {
      const compiled = batchCheck?.(batch) ?? false;
      if (compiled) {
        expect({ batch, decorators: decoratorsAccept(IngestBatchDto, batch) }).toEqual({
          batch,
          decorators: true,
        });
      }
    }
    // Stricter only where the event check is (the same rule for each event of the batch).
    const stricter = batches.filter(
      (batch) => !batchCheck?.(batch) && decoratorsAccept(IngestBatchDto, batch),
    );
    expect(
      stricter.map((batch) => (batch as { events: Array<{ occurredAt: unknown }> }).events[0].occurredAt),
    ).toEqual(
      VALUES.filter(
        (value) =>
          !eventCheck?.({ ...valid, occurredAt: value }) &&
          decoratorsAccept(IngestEventDto, { ...valid, occurredAt: value }),
      ),
    );
  });
});
