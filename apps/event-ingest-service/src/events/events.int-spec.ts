import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Consumer, Kafka } from 'kafkajs';
import { Topics, findEventType, type ApiKeyRecord, type EventEnvelope } from '@hookline/contracts';
import { KafkaPublisher, createKafka, parseBrokerList, readHeaders } from '@hookline/kafka';
import { configureHttpApp, fastifyAdapter, loadConfig, runMigrations } from '@hookline/platform';
import { generateApiKey } from '@hookline/security';
import { eventually, testEnvironment } from '@hookline/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { IngestEnv } from '../config/ingest.env';
import { ingestDataSourceOptions } from '../database/data-source';

interface ConsumedEvent {
  key: string | null;
  headers: Record<string, string>;
  envelope: EventEnvelope;
}

const SERVICE_TOKEN = 'svc-token-for-ingest-tests-0123456789';

describe('event-ingest-service (real Kafka and Postgres)', () => {
  const env = testEnvironment();
  const organizationId = `org_${env.runId}ingest`;
  const otherOrganizationId = `org_${env.runId}other`;
  let app: INestApplication;
  let baseUrl: string;
  let kafka: Kafka;
  let publisher: KafkaPublisher;
  let consumer: Consumer;
  const consumed: ConsumedEvent[] = [];
  const writerKey = generateApiKey();
  const readerKey = generateApiKey();

  const post = (path: string, body: unknown, key: string | null = writerKey.key) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const jobCreated = (subject: string, extra: Record<string, unknown> = {}) => ({
    type: 'job.created',
    subject,
    data: exampleJobCreatedData(subject),
    ...extra,
  });

  const eventsWithId = (id: string) => consumed.filter((event) => event.envelope.id === id);

  beforeAll(async () => {
    await runMigrations({ ...ingestDataSourceOptions(env.databaseUrl), schema: 'ingest' });
    kafka = createKafka({ brokers: parseBrokerList(env.kafkaBrokers), clientId: `ingest-test-${env.runId}` });
    publisher = new KafkaPublisher(kafka);
    await publisher.connect();
    const records: ApiKeyRecord[] = [
      {
        id: `key_${env.runId}w`,
        organizationId,
        hash: writerKey.hash,
        scopes: ['events:write'],
        revokedAt: null,
      },
      {
        id: `key_${env.runId}r`,
        organizationId,
        hash: readerKey.hash,
        scopes: ['webhooks:read'],
        revokedAt: null,
      },
    ];
    await publisher.send(
      Topics.apiKeys,
      records.map((record) => ({ key: record.id, value: record })),
    );

    consumer = kafka.consumer({ groupId: `ingest-test-${env.runId}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: ['domain.job.v1'], fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        consumed.push({
          key: message.key?.toString() ?? null,
          headers: readHeaders(message.headers),
          envelope: JSON.parse(message.value?.toString() ?? 'null') as EventEnvelope,
        });
      },
    });
    await eventually(async () => expect((await consumer.describeGroup()).state).toBe('Stable'));

    const config = loadConfig(IngestEnv, {
      KAFKA_BROKERS: env.kafkaBrokers,
      DATABASE_URL: env.databaseUrl,
      INGEST_SERVICE_TOKENS: `billing:${SERVICE_TOKEN}`,
      LOG_LEVEL: 'warn',
    });
    // On Fastify, as main.ts runs it.
    const nest = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config),
      fastifyAdapter({}),
      {
        logger: ['error'],
      },
    );
    configureHttpApp(nest, { title: 'ingest', description: 'test' });
    await nest.listen(0, '127.0.0.1');
    app = nest;
    baseUrl = await nest.getUrl();
    baseUrl = baseUrl.replace('[::1]', '127.0.0.1');
    await eventually(async () => expect((await fetch(`${baseUrl}/health/ready`)).status).toBe(200), {
      timeoutMs: 30_000,
    });
  });

  afterAll(async () => {
    await app?.close();
    await consumer?.disconnect();
    await publisher?.disconnect();
  });

  it('answers 202 with the id after Kafka acknowledged, keyed by organization and subject', async () => {
    const response = await post('/v1/events', jobCreated('job_1'));
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    expect(id).toMatch(/^evt_[0-9A-Z]{26}$/);

    const [event] = await eventually(() => {
      const found = eventsWithId(id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(event.key).toBe(`${organizationId}:job_1`);
    expect(event.headers['hookline-event-type']).toBe('job.created');
    expect(event.envelope).toMatchObject({ id, type: 'job.created', organizationId, subject: 'job_1' });
    expect(Number.isNaN(Date.parse(event.envelope.occurredAt))).toBe(false);
  });

  it('lets a service token publish for any organization, and requires organizationId then', async () => {
    const accepted = await post(
      '/v1/events',
      jobCreated('job_2', { organizationId: otherOrganizationId }),
      SERVICE_TOKEN,
    );
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    await eventually(() => expect(eventsWithId(id)[0]?.envelope.organizationId).toBe(otherOrganizationId));

    const refused = await post('/v1/events', jobCreated('job_2'), SERVICE_TOKEN);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('organizationId is required');
  });

  it.each([
    ['invalid JSON', '{"type": "job.created",', 'not valid JSON'],
    [
      'an unknown event type',
      { type: 'job.exploded', subject: 'job_3', data: {} },
      'type "job.exploded" is not in the event catalog',
    ],
    ['a missing subject', { type: 'job.created', data: {} }, 'subject'],
    [
      'an unknown field',
      { ...{ type: 'job.created', subject: 'job_3', data: {} }, colour: 'red' },
      'colour is not allowed',
    ],
    [
      'data that breaks the contract',
      { type: 'job.created', subject: 'job_3', data: { unexpected: 1 } },
      'data.unexpected',
    ],
  ])('refuses %s with 400 naming the problem', async (_, body, expected) => {
    const response = await post('/v1/events', body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { statusCode: number; error: string; message: string };
    expect(error.statusCode).toBe(400);
    expect(error.error).toBe('Bad Request');
    expect(error.message).toContain(expected);
  });

  it('answers 401 without a key, 401 for an unknown key, 403 without events:write or for another organization', async () => {
    expect((await post('/v1/events', jobCreated('job_4'), null)).status).toBe(401);
    expect(
      (await post('/v1/events', jobCreated('job_4'), 'hk_unknownunknownunknownunknownunknown')).status,
    ).toBe(401);
    const noScope = await post('/v1/events', jobCreated('job_4'), readerKey.key);
    expect(noScope.status).toBe(403);
    expect(((await noScope.json()) as { message: string }).message).toContain('events:write');
    const otherOrg = await post('/v1/events', jobCreated('job_4', { organizationId: otherOrganizationId }));
    expect(otherOrg.status).toBe(403);
  });

  it('returns the first id for a repeated idempotency key and publishes once; 409 for a different request', async () => {
    const body = jobCreated('job_5', {
      idempotencyKey: `idem-${env.runId}`,
      occurredAt: '2026-11-22T10:00:00.000Z',
    });
    const first = (await (await post('/v1/events', body)).json()) as { id: string };
    const again = await post('/v1/events', body);
    expect(again.status).toBe(202);
    expect(((await again.json()) as { id: string }).id).toBe(first.id);

    const conflict = await post('/v1/events', { ...body, subject: 'job_6' });
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { message: string }).message).toContain(
      'already used with a different request',
    );

    const marker = (await (await post('/v1/events', jobCreated('job_5'))).json()) as { id: string };
    await eventually(() => expect(eventsWithId(marker.id)).toHaveLength(1));
    expect(eventsWithId(first.id)).toHaveLength(1);
  });

  it('publishes once when concurrent requests share an idempotency key, and answers each with its id', async () => {
    const body = jobCreated('job_idem_concurrent', { idempotencyKey: `idem-concurrent-${env.runId}` });
    const responses = await Promise.all(Array.from({ length: 10 }, () => post('/v1/events', body)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(202));
    const ids = await Promise.all(
      responses.map(async (response) => ((await response.json()) as { id: string }).id),
    );
    expect(new Set(ids).size).toBe(1);

    const marker = (await (await post('/v1/events', jobCreated('job_idem_concurrent'))).json()) as {
      id: string;
    };
    await eventually(() => expect(eventsWithId(marker.id)).toHaveLength(1));
    expect(eventsWithId(ids[0])).toHaveLength(1);
  });

  it('publishes the event of the first request, with its id, when that request died before Kafka acknowledged', async () => {
    const key = `idem-died-${env.runId}`;
    const body = jobCreated('job_idem_died', { idempotencyKey: key });
    const first = (await (await post('/v1/events', body)).json()) as { id: string };
    await eventually(() => expect(eventsWithId(first.id)).toHaveLength(1));
    // As the row of a request that died after claiming the key: unpublished, its lease lapsed.
    await app.get(DataSource).query(
      `UPDATE ingest.idempotency_key SET published_at = NULL, publish_lease_until = now() - interval '1 second'
         WHERE organization_id = $1 AND key = $2`,
      [organizationId, key],
    );

    const again = await post('/v1/events', body);

    expect(again.status).toBe(202);
    expect(((await again.json()) as { id: string }).id).toBe(first.id);
    await eventually(() => expect(eventsWithId(first.id)).toHaveLength(2));
  });

  it('claims no idempotency key of a batch refused with 409: a later request may still use it', async () => {
    const taken = `taken-${env.runId}`;
    const fresh = `fresh-${env.runId}`;
    expect((await post('/v1/events', jobCreated('job_b1', { idempotencyKey: taken }))).status).toBe(202);

    const refused = await post('/v1/events/batch', {
      events: [
        jobCreated('job_b2', { idempotencyKey: fresh }),
        jobCreated('job_b3', { idempotencyKey: taken }),
      ],
    });
    expect(refused.status).toBe(409);

    const later = await post('/v1/events', jobCreated('job_b4', { idempotencyKey: fresh }));
    expect(later.status).toBe(202);
    const { id } = (await later.json()) as { id: string };
    await eventually(() => expect(eventsWithId(id)).toHaveLength(1));
    expect(consumed.filter((event) => event.envelope.subject === 'job_b2')).toHaveLength(0);
  });

  it('acknowledges concurrent requests each once its events are written, every event once, a batch in its order', async () => {
    const singles = Array.from({ length: 40 }, (_, index) => post('/v1/events', jobCreated(`job_c${index}`)));
    const batch = post('/v1/events/batch', {
      events: Array.from({ length: 5 }, (_, index) =>
        jobCreated('job_ordered', { occurredAt: `2026-11-22T10:00:0${index}.000Z` }),
      ),
    });
    const responses = await Promise.all([...singles, batch]);
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 202));
    const singleIds = await Promise.all(
      responses.slice(0, -1).map(async (response) => ((await response.json()) as { id: string }).id),
    );
    const { ids: batchIds } = (await responses[responses.length - 1].json()) as { ids: string[] };
    expect(new Set([...singleIds, ...batchIds]).size).toBe(45);

    await eventually(() =>
      expect([...singleIds, ...batchIds].map((id) => eventsWithId(id).length)).toEqual(Array(45).fill(1)),
    );
    expect(eventsWithId(singleIds[7])[0].key).toBe(`${organizationId}:job_c7`);
    const ordered = consumed.filter(
      (event) => event.envelope.organizationId === organizationId && event.envelope.subject === 'job_ordered',
    );
    expect(ordered.map((event) => event.envelope.id)).toEqual(batchIds);
    expect(ordered.map((event) => event.envelope.occurredAt)).toEqual(
      batchIds.map((_, index) => `2026-11-22T10:00:0${index}.000Z`),
    );
  });

  it('accepts a batch whole, or refuses it whole naming the bad event', async () => {
    const refused = await post('/v1/events/batch', {
      events: [jobCreated('job_7'), { type: 'job.created', subject: 'job_8', data: { nope: true } }],
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('events[1].data.nope');

    const accepted = await post('/v1/events/batch', { events: [jobCreated('job_7'), jobCreated('job_8')] });
    expect(accepted.status).toBe(202);
    const { ids } = (await accepted.json()) as { ids: string[] };
    expect(ids).toHaveLength(2);
    await eventually(() => expect(ids.map((id) => eventsWithId(id).length)).toEqual([1, 1]));
    expect(consumed.filter((event) => event.envelope.subject === 'job_7')).toHaveLength(1);
  });
  it('refuses a batch whose event is not an object, saying so (a list was read as an event without a type)', async () => {
    for (const event of [[], ['job.created'], null, 'job.created']) {
      const refused = await post('/v1/events/batch', { events: [jobCreated('job_l1'), event] });
      const body = (await refused.json()) as { details: string[] };
      expect({ event, status: refused.status }).toEqual({ event, status: 400 });
      expect(body.details).toContain('events must be a list of objects: events[1] is not one');
      expect(body.details.join('; ')).not.toMatch(/catalog/);
    }
    expect(consumed.filter((event) => event.envelope.subject === 'job_l1')).toHaveLength(0);
  });

  it('exports hookline_* metrics: accepted by type, refused, idempotent replays and publish latency', async () => {
    const metric = async (name: string, labels = ''): Promise<number> => {
      const text = await (await fetch(`${baseUrl}/metrics`)).text();
      const line = text
        .split('\n')
        .find((candidate) => candidate.startsWith(name) && candidate.includes(labels));
      return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
    };
    const accepted = await metric('hookline_ingest_events_accepted_total{', 'type="job.created"');
    const refused = await metric('hookline_ingest_events_refused_total');
    const replayed = await metric('hookline_ingest_idempotent_replays_total');
    const published = await metric('hookline_ingest_publish_duration_seconds_count');

    expect(
      (await post('/v1/events/batch', { events: [jobCreated('job_m1'), jobCreated('job_m2')] })).status,
    ).toBe(202);
    expect((await post('/v1/events', jobCreated('job_m3', { data: { nope: true } }))).status).toBe(400);
    const once = jobCreated('job_m4', { idempotencyKey: `metrics-${env.runId}` });
    expect((await post('/v1/events', once)).status).toBe(202);
    expect((await post('/v1/events', once)).status).toBe(202);

    expect(await metric('hookline_ingest_events_accepted_total{', 'type="job.created"')).toBe(accepted + 3);
    expect(await metric('hookline_ingest_events_refused_total')).toBe(refused + 1);
    expect(await metric('hookline_ingest_idempotent_replays_total')).toBe(replayed + 1);
    expect(await metric('hookline_ingest_publish_duration_seconds_count')).toBeGreaterThanOrEqual(
      published + 2,
    );
  });
});

function exampleJobCreatedData(subject: string): Record<string, unknown> {
  return { ...(findEventType('job.created')?.example ?? {}), id: subject };
}
