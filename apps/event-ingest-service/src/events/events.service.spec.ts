import { BadRequestException, ConflictException } from '@nestjs/common';
import { findEventType, type EventEnvelope } from '@hookline/contracts';
import { OutputSink, type TopicBatch } from '@hookline/kafka';
import type { Principal } from '@hookline/platform';
import { eventually, heldPublisher } from '@hookline/testing';
import { Registry } from 'prom-client';
import type {
  ClaimedKey,
  IdempotencyClaim,
  IdempotencyRepository,
} from '../idempotency/idempotency.repository';
import { requestHash } from '../idempotency/request-hash';
import { IngestMetrics } from '../metrics/ingest.metrics';
import type { IngestEventDto } from './dto/ingest-event.dto';
import { EventsService } from './events.service';

jest.mock('../idempotency/request-hash', () => {
  const actual = jest.requireActual<typeof import('../idempotency/request-hash')>(
    '../idempotency/request-hash',
  );
  return { requestHash: jest.fn(actual.requestHash) };
});

const ORGANIZATION = 'org_ingest';
const writer: Principal = {
  kind: 'organization',
  organizationId: ORGANIZATION,
  keyId: 'key_1',
  scopes: ['events:write'],
};
const billing: Principal = { kind: 'service', name: 'billing' };

function jobCreated(subject: string, extra: Partial<IngestEventDto> = {}): IngestEventDto {
  return {
    type: 'job.created',
    subject,
    data: { ...(findEventType('job.created')?.example ?? {}), id: subject },
    ...extra,
  };
}

const envelopesOf = (batches: TopicBatch[]) =>
  batches.flatMap((batch) =>
    batch.messages.map((message) => ({
      topic: batch.topic,
      key: message.key,
      envelope: JSON.parse((message.value as Buffer).toString('utf8')) as EventEnvelope,
    })),
  );

function fakeIdempotency() {
  const rows = new Map<string, ClaimedKey>();
  const claim = jest.fn((claim: IdempotencyClaim): ClaimedKey => {
    const existing = rows.get(claim.key);
    if (existing) {
      return { ...existing, isNew: false };
    }
    const row = { envelope: claim.envelope, requestHash: claim.requestHash, isNew: true, published: false };
    rows.set(claim.key, row);
    return row;
  });
  const repository = {
    claim,
    // Like the transaction: a refusal leaves no claim of the request behind.
    claimAll: jest.fn(
      async <T>(
        claims: IdempotencyClaim[],
        _ttlHours: number,
        decide: (claimed: ClaimedKey, claim: IdempotencyClaim) => T,
      ): Promise<Map<IdempotencyClaim, T>> => {
        const snapshot = new Map(rows);
        try {
          return new Map(claims.map((each) => [each, decide(claim(each), each)]));
        } catch (error) {
          rows.clear();
          for (const [key, row] of snapshot) {
            rows.set(key, row);
          }
          throw error;
        }
      },
    ),
    markPublished: jest.fn(async (_organizationId: string, keys: string[]) => {
      for (const key of keys) {
        rows.set(key, { ...rows.get(key)!, published: true });
      }
    }),
  };
  return { repository, rows };
}

function setup() {
  const { publisher, requests } = heldPublisher<TopicBatch>();
  const idempotency = fakeIdempotency();
  const service = new EventsService(
    new OutputSink(publisher),
    idempotency.repository as unknown as IdempotencyRepository,
    { maxBatchSize: 3, idempotencyTtlHours: 24 },
    new IngestMetrics(new Registry()),
  );
  return { service, requests, idempotency: idempotency.repository };
}

async function badRequestMessages(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(BadRequestException);
  const body = (error as BadRequestException).getResponse() as { message: string[] | string };
  return Array.isArray(body.message) ? body.message : [body.message];
}

describe(EventsService.name, () => {
  beforeEach(() => jest.mocked(requestHash).mockClear());

  it('writes the events of concurrent requests in one produce request, in request order, and answers each after the acknowledgement', async () => {
    const { service, requests } = setup();
    const answered: string[] = [];
    const single = service.accept(writer, jobCreated('job_1')).then((id) => {
      answered.push('single');
      return [id];
    });
    const batch = service.acceptBatch(writer, [jobCreated('job_2'), jobCreated('job_3')]).then((ids) => {
      answered.push('batch');
      return ids;
    });
    const forOther = service
      .accept(billing, jobCreated('job_4', { organizationId: 'org_other' }))
      .then((id) => {
        answered.push('service');
        return [id];
      });

    await eventually(() => expect(requests).toHaveLength(1));
    const written = envelopesOf(requests[0].batches);
    expect(written.map(({ topic, key }) => ({ topic, key }))).toEqual([
      { topic: 'domain.job.v1', key: `${ORGANIZATION}:job_1` },
      { topic: 'domain.job.v1', key: `${ORGANIZATION}:job_2` },
      { topic: 'domain.job.v1', key: `${ORGANIZATION}:job_3` },
      { topic: 'domain.job.v1', key: 'org_other:job_4' },
    ]);
    expect(written[0].envelope).toMatchObject({
      type: 'job.created',
      organizationId: ORGANIZATION,
      subject: 'job_1',
    });
    expect(requests[0].batches[0].messages[0].headers).toEqual({ 'hookline-event-type': 'job.created' });
    expect(answered).toEqual([]);

    requests[0].succeed();
    const ids = [...(await single), ...(await batch), ...(await forOther)];
    expect(ids).toEqual(written.map(({ envelope }) => envelope.id));
    expect(answered.sort()).toEqual(['batch', 'service', 'single']);
  });

  it('fails exactly the requests whose events were in a failed produce request', async () => {
    const { service, requests } = setup();
    const first = service.accept(writer, jobCreated('job_1'));
    await eventually(() => expect(requests).toHaveLength(1));
    const second = service.accept(writer, jobCreated('job_2'));
    const third = service.acceptBatch(writer, [jobCreated('job_3')]);

    requests[0].fail(new Error('NOT_ENOUGH_REPLICAS'));
    await expect(first).rejects.toThrow('NOT_ENOUGH_REPLICAS');
    await eventually(() => expect(requests).toHaveLength(2));
    expect(envelopesOf(requests[1].batches).map(({ key }) => key)).toEqual([
      `${ORGANIZATION}:job_2`,
      `${ORGANIZATION}:job_3`,
    ]);
    requests[1].succeed();
    await expect(second).resolves.toMatch(/^evt_/);
    await expect(third).resolves.toHaveLength(1);
  });

  it('neither hashes the request nor touches Postgres for an event without an idempotency key', async () => {
    const { service, requests, idempotency } = setup();
    const accepted = service.acceptBatch(writer, [
      jobCreated('job_1'),
      jobCreated('job_2', { idempotencyKey: null } as never),
    ]);
    await eventually(() => expect(requests).toHaveLength(1));
    requests[0].succeed();
    await expect(accepted).resolves.toHaveLength(2);
    expect(requestHash).not.toHaveBeenCalled();
    expect(idempotency.claim).not.toHaveBeenCalled();
    expect(idempotency.markPublished).not.toHaveBeenCalled();
  });

  it('claims a keyed event with its request hash, marks it published once acknowledged, and answers a retry with the first id', async () => {
    const { service, requests, idempotency } = setup();
    const body = jobCreated('job_1', { idempotencyKey: 'idem-1', occurredAt: '2026-11-22T10:00:00.000Z' });
    const first = service.accept(writer, body);
    await eventually(() => expect(requests).toHaveLength(1));
    expect(idempotency.markPublished).not.toHaveBeenCalled();
    requests[0].succeed();
    const id = await first;

    const { type, subject, data, occurredAt } = body;
    expect(idempotency.claimAll).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          organizationId: ORGANIZATION,
          key: 'idem-1',
          requestHash: requestHash({ type, subject, data, occurredAt, organizationId: ORGANIZATION }),
          envelope: expect.objectContaining({ id }),
        }),
      ],
      24,
      expect.any(Function),
    );
    expect(idempotency.markPublished).toHaveBeenCalledWith(ORGANIZATION, ['idem-1']);

    await expect(service.accept(writer, { ...body })).resolves.toBe(id);
    await expect(service.accept(writer, { ...body, subject: 'job_2' })).rejects.toThrow(ConflictException);
    expect(requests).toHaveLength(1);
  });

  it.each<[string, Principal, IngestEventDto, string[]]>([
    [
      'an unknown type',
      writer,
      { type: 'job.exploded', subject: 'job_1', data: {} },
      ['type "job.exploded" is not in the event catalog'],
    ],
    [
      'a type Hookline emits itself',
      writer,
      { type: 'webhook.test', subject: 'wh_1', data: findEventType('webhook.test')!.example },
      ['type "webhook.test" is emitted by Hookline itself and cannot be published'],
    ],
    [
      'data that breaks the contract',
      writer,
      jobCreated('job_1', { data: { unexpected: 1 } }),
      expect.arrayContaining(['data.unexpected is not allowed']),
    ],
    [
      'a null organizationId from a service token',
      billing,
      jobCreated('job_1', { organizationId: null } as never),
      ['organizationId must be 1-128 characters of A-Z a-z 0-9 _ . : -', 'organizationId must be a string'],
    ],
    [
      'an API key whose organization is not a valid id',
      { ...writer, organizationId: 'not an id' },
      jobCreated('job_1'),
      ['organizationId must be 1-128 characters of A-Z a-z 0-9 _ . : -'],
    ],
  ])(
    'refuses %s with a message naming the field, and writes nothing',
    async (_, principal, input, expected) => {
      const { service, requests } = setup();
      expect(await badRequestMessages(service.accept(principal, input))).toEqual(expected);
      expect(requests).toHaveLength(0);
    },
  );

  it('refuses a whole batch naming events[i] of each bad event, or a batch over the size limit', async () => {
    const { service, requests } = setup();
    const messages = await badRequestMessages(
      service.acceptBatch(writer, [
        jobCreated('job_1'),
        jobCreated('job_2', { data: { nope: true } }),
        { type: 'job.exploded', subject: 'job_3', data: {} },
      ]),
    );
    expect(messages).toContain('events[1].data.nope is not allowed');
    expect(messages).toContain('events[2].type "job.exploded" is not in the event catalog');
    expect(
      await badRequestMessages(
        service.acceptBatch(
          writer,
          ['a', 'b', 'c', 'd'].map((subject) => jobCreated(subject)),
        ),
      ),
    ).toEqual(['events must contain at most 3 events']);
    expect(requests).toHaveLength(0);
  });
});
