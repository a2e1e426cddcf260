import fc from 'fast-check';
import type { Admin, Kafka } from 'kafkajs';
import { Client } from 'pg';
import {
  EVENT_TYPES,
  RESOURCES,
  Topics,
  domainTopic,
  findEventType,
  type EventEnvelope,
} from '@hookline/contracts';
import { createKafka, parseBrokerList } from '@hookline/kafka';
import { eventually, testEnvironment } from '@hookline/testing';
import { call } from '../support/api-client';
import { createOrganization, startPlatform, type Organization, type Platform } from '../support/platform';
import { catalogEventArbitrary } from './support/event-arbitrary';
import { fuzzCaseArbitrary, type FuzzCase } from './support/fuzz-case';
import { loadServiceDocument } from './support/openapi-operations';
import { runFuzzCases, type FuzzReport, type FuzzTarget } from './support/run-fuzz-cases';

const CASES = Number(process.env.FUZZ_CASES_PER_SERVICE ?? 20_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
// Topics only ingest writes to; Hookline's own events (webhook.*, delivery.*) come from elsewhere.
const INGEST_TOPICS = RESOURCES.filter((resource) => !['webhook', 'delivery'].includes(resource)).map(
  domainTopic,
);

function casesFor(app: string, overrides: Record<string, fc.Arbitrary<unknown>> = {}): FuzzCase[] {
  return fc.sample(fuzzCaseArbitrary(loadServiceDocument(app), overrides), { numRuns: CASES, seed: SEED });
}

function expectClean(app: string, report: FuzzReport): void {
  process.stdout.write(
    `[fuzz] ${app}: ${report.cases} cases in ${report.seconds.toFixed(1)} s (seed ${SEED}), answers ${JSON.stringify(report.byStatus)}\n`,
  );
  expect(report.failures).toEqual([]);
  expect(report.cases).toBe(CASES);
}

/**
 * The fuzzing tier: every route of every committed OpenAPI document, driven by generated requests
 * (FUZZ_CASES_PER_SERVICE each, FUZZ_SEED to replay), against the real services on Kafka and Postgres.
 */
describe('every route of every OpenAPI document under generated input', () => {
  let platform: Platform;
  let acme: Organization;
  let globex: Organization;
  let database: Client;
  let kafka: Kafka;
  let admin: Admin;
  const webhooks = { own: [] as string[], foreign: [] as string[] };
  const extraKeys = { own: [] as string[], foreign: [] as string[] };
  const deliveries: string[] = [];

  const tokens = () => ({
    key: acme.apiKey.key,
    admin: platform.adminToken,
    bad: 'hk_not_a_key_at_all',
    other: globex.apiKey.key,
  });
  const createWebhook = async (organization: Organization, active: boolean): Promise<string> => {
    const response = await call<{ id: string }>('POST', `${platform.subscription.baseUrl}/v1/webhooks`, {
      token: organization.apiKey.key,
      // Resolves nowhere, so every delivery fails and the log has something to list and redeliver.
      body: { name: 'fuzz seed', url: 'https://hooks.example.invalid/in', events: ['job.*'], active },
    });
    expect(response.status).toBe(201);
    return response.body.id;
  };
  const issueKey = async (organization: Organization): Promise<string> => {
    const response = await call<{ id: string }>(
      'POST',
      `${platform.subscription.baseUrl}/v1/organizations/${organization.id}/api-keys`,
      { token: platform.adminToken, body: { name: 'fuzz victim', scopes: ['webhooks:read'] } },
    );
    expect(response.status).toBe(201);
    return response.body.id;
  };

  beforeAll(async () => {
    // The limits would answer most generated requests with 429 and hide the routes behind them.
    platform = await startPlatform({ RATE_LIMIT_ENABLED: 'false', LOG_LEVEL: 'error' });
    [acme, globex] = [
      await createOrganization(platform, 'Fuzz Acme'),
      await createOrganization(platform, 'Fuzz Globex'),
    ];
    webhooks.own.push(await createWebhook(acme, true), await createWebhook(acme, false));
    webhooks.foreign.push(await createWebhook(globex, false));
    extraKeys.own.push(await issueKey(acme));
    extraKeys.foreign.push(await issueKey(globex));
    database = new Client({ connectionString: testEnvironment().databaseUrl });
    await database.connect();
    kafka = createKafka({
      brokers: parseBrokerList(testEnvironment().kafkaBrokers),
      clientId: 'fuzz',
      logLevel: 'nothing',
    });
    admin = kafka.admin();
    await admin.connect();
    for (let index = 0; index < 3; index += 1) {
      await eventually(async () => {
        const published = await call('POST', `${platform.ingest.baseUrl}/v1/events`, {
          token: acme.apiKey.key,
          body: {
            type: 'job.created',
            subject: `job_seed_${index}`,
            data: findEventType('job.created')?.example,
          },
        });
        expect(published.status).toBe(202);
      });
    }
    const listed = await eventually(
      async () => {
        const page = await call<{ items: Array<{ id: string }> }>(
          'GET',
          `${platform.audit.baseUrl}/v1/webhooks/${webhooks.own[0]}/deliveries`,
          { token: acme.apiKey.key },
        );
        expect(page.body.items?.length ?? 0).toBeGreaterThanOrEqual(3);
        return page.body.items;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    deliveries.push(...listed.map((delivery) => delivery.id));
  }, 180_000);

  afterAll(async () => {
    await admin?.disconnect();
    await database?.end();
    await platform?.stop();
  });

  it('subscription-service: no 5xx, no hang, nothing written on a 4xx, no cross-tenant 2xx', async () => {
    const outboxHead = async () =>
      String(
        (
          (await database.query('SELECT max(id) AS head FROM subscription.outbox')) as {
            rows: Array<{ head: string }>;
          }
        ).rows[0].head,
      );
    const target: FuzzTarget = {
      baseUrl: platform.subscription.baseUrl,
      tokens: tokens(),
      ids: (name, kind) => {
        if (name === 'organizationId') {
          return kind === 'own' ? [acme.id] : [globex.id];
        }
        if (name === 'keyId') {
          return extraKeys[kind];
        }
        if (name === 'type') {
          return kind === 'own' ? EVENT_TYPES : ['job.*', '*'];
        }
        return webhooks[kind];
      },
      // Organizations and API keys are the admin's: an organization key there only ever gets a 401.
      credentialFor: (fuzzCase) =>
        fuzzCase.operation.path.startsWith('/v1/organizations') && fuzzCase.credential === 'key'
          ? 'admin'
          : fuzzCase.credential,
      learn: (fuzzCase, status, body) => {
        const id = (body as { id?: unknown } | null)?.id;
        if (status !== 201 || typeof id !== 'string') {
          return;
        }
        if (fuzzCase.operation.path === '/v1/webhooks') {
          webhooks.own.push(id);
        }
        if (fuzzCase.operation.path.endsWith('/api-keys') && fuzzCase.path.organizationId?.kind === 'own') {
          extraKeys.own.push(id);
        }
      },
      writeFingerprint: outboxHead,
    };
    expectClean('subscription-service', await runFuzzCases(target, casesFor('subscription-service')));
  }, 900_000);

  it('event-ingest-service: the same rule, and every event on the topics was answered 202', async () => {
    const accepted = new Set<string>();
    const runStarted = new Date();
    const keysAccepted = new Set<string>();
    const before = await Promise.all(INGEST_TOPICS.map((topic) => admin.fetchTopicOffsets(topic)));
    const target: FuzzTarget = {
      baseUrl: platform.ingest.baseUrl,
      tokens: tokens(),
      ids: () => [],
      learn: (fuzzCase, status, body) => {
        if (status !== 202) {
          return;
        }
        const answer = body as { id?: string; ids?: string[] };
        for (const id of answer.ids ?? [answer.id ?? '']) {
          accepted.add(id);
        }
        const sent = fuzzCase.body?.kind === 'json' ? (fuzzCase.body.value as { events?: unknown[] }) : null;
        for (const event of (sent?.events ?? [sent]) as Array<{ idempotencyKey?: unknown } | null>) {
          if (typeof event?.idempotencyKey === 'string') {
            keysAccepted.add(event.idempotencyKey);
          }
        }
      },
    };
    const event = catalogEventArbitrary();
    const report = await runFuzzCases(
      target,
      casesFor('event-ingest-service', {
        'POST /v1/events': event,
        'POST /v1/events/batch': fc
          .array(event, { minLength: 1, maxLength: 5 })
          .map((events) => ({ events })),
      }),
    );
    expectClean('event-ingest-service', report);

    // Events are many and mostly refused, so they run concurrently; what they wrote is checked after.
    const claimed = (await database.query('SELECT key FROM ingest.idempotency_key WHERE created_at >= $1', [
      runStarted,
    ])) as {
      rows: Array<{ key: string }>;
    };
    expect(claimed.rows.map((row) => row.key).filter((key) => !keysAccepted.has(key))).toEqual([]);
    const written = await eventsWrittenSince(kafka, admin, before);
    expect(written.filter((envelope) => !accepted.has(envelope.id)).map((envelope) => envelope.id)).toEqual(
      [],
    );
    expect(new Set(written.map((envelope) => envelope.id)).size).toBe(accepted.size);
  }, 900_000);

  it('audit-projection-service: the same rule; commands go out only for accepted redeliveries', async () => {
    const commandsHead = async () =>
      JSON.stringify((await admin.fetchTopicOffsets(Topics.commands)).map((partition) => partition.high));
    const target: FuzzTarget = {
      baseUrl: platform.audit.baseUrl,
      tokens: tokens(),
      ids: (_name, kind, route) =>
        route.startsWith('/v1/deliveries') ? (kind === 'own' ? deliveries : ['dlv_foreign']) : webhooks[kind],
      writeFingerprint: commandsHead,
    };
    expectClean('audit-projection-service', await runFuzzCases(target, casesFor('audit-projection-service')));
  }, 900_000);

  it('delivery-service: its probes answer under generated input too', async () => {
    const target: FuzzTarget = { baseUrl: platform.delivery.baseUrl, tokens: tokens(), ids: () => [] };
    expectClean('delivery-service', await runFuzzCases(target, casesFor('delivery-service')));
  }, 900_000);
});

/** Every envelope ingest wrote to its topics after `before` (per partition high-water marks). */
async function eventsWrittenSince(
  kafka: Kafka,
  admin: Admin,
  before: Array<Array<{ partition: number; high: string }>>,
): Promise<EventEnvelope[]> {
  const after = await Promise.all(INGEST_TOPICS.map((topic) => admin.fetchTopicOffsets(topic)));
  const expected = after.reduce(
    (sum, partitions, index) =>
      sum +
      partitions.reduce((topicSum, { partition, high }) => {
        const start = before[index].find((candidate) => candidate.partition === partition)?.high ?? '0';
        return topicSum + Number(high) - Number(start);
      }, 0),
    0,
  );
  const envelopes: EventEnvelope[] = [];
  if (expected === 0) {
    return envelopes;
  }
  const consumer = kafka.consumer({ groupId: `fuzz-check-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: INGEST_TOPICS, fromBeginning: true });
  const startOf = new Map(
    INGEST_TOPICS.flatMap((topic, index) =>
      before[index].map(({ partition, high }) => [`${topic}:${partition}`, BigInt(high)] as const),
    ),
  );
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      if (BigInt(message.offset) < (startOf.get(`${topic}:${partition}`) ?? 0n)) {
        return;
      }
      envelopes.push(JSON.parse(message.value?.toString() ?? 'null') as EventEnvelope);
    },
  });
  try {
    await eventually(() => expect(envelopes.length).toBe(expected), { timeoutMs: 60_000, intervalMs: 200 });
  } finally {
    await consumer.disconnect();
  }
  return envelopes;
}
