import { ATTEMPT_OUTCOMES, type AttemptEvent } from '@hookline/contracts';
import { runMigrations } from '@hookline/platform';
import { testEnvironment } from '@hookline/testing';
import { DataSource } from 'typeorm';
import {
  aRetriedDelivery,
  anAttemptEvent,
  anExhaustedDelivery,
  hoursAgo,
  validAttempt,
} from '../../test/attempt-event.fixture';
import { groupBy } from '../common/group-by';
import { auditDataSourceOptions } from '../database/data-source';
import { RetentionPolicy } from '../retention/retention-policy';
import { OUTCOME_COLUMNS } from '../stats/stats-columns';
import { toAttemptRow, toDeliveryRow, toPayloadRow } from './projection-rows';
import { ProjectionRepository, type AttemptRow, type PayloadRow } from './projection.repository';
import type { DeliveryRow } from './projection-records';
import { ProjectionService } from './projection.service';
import { toStatsIncrements, type StatsIncrement } from './stats-rows';

type Column<Row> = [name: string, type: string, value: (row: Row) => unknown];

const json = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

/** The per-column encoding the writer replaced: one typed array parameter per column, then unnest. */
async function insertWithArrayParameters<Row>(
  dataSource: DataSource,
  table: string,
  columns: Array<Column<Row>>,
  rows: Row[],
): Promise<void> {
  const names = columns.map(([name]) => name);
  // A 2-D array parameter would be flattened by unnest; a histogram travels as its literal.
  const arrayType = (type: string) => (type === 'bigint[]' ? 'text[]' : `${type}[]`);
  await dataSource.query(
    `INSERT INTO ${table} (${names.join(', ')})
     SELECT ${columns.map(([name, type]) => (type === 'bigint[]' ? `v.${name}::bigint[]` : `v.${name}`)).join(', ')}
     FROM unnest(${columns.map(([, type], index) => `$${index + 1}::${arrayType(type)}`).join(', ')})
       AS v(${names.join(', ')})`,
    columns.map(([, , value]) => rows.map(value)),
  );
}

const camelCase = (name: string) => name.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase());

/** Columns of one type whose values are the row's properties of the same names, camelCased. */
function sameNamed(type: string, ...names: string[]): Array<Column<object>> {
  return names.map((name) => [
    name,
    type,
    (row) => {
      const property = camelCase(name);
      if (!(property in row)) {
        throw new Error(`a row for column ${name} has no ${property}`);
      }
      return (row as Record<string, unknown>)[property];
    },
  ]);
}

const ATTEMPT: Array<Column<AttemptRow>> = [
  ...sameNamed('text', 'id', 'delivery_id', 'organization_id', 'webhook_id', 'event_type', 'url'),
  ...sameNamed('text', 'response_body', 'outcome', 'error'),
  ...sameNamed('int', 'attempt_number', 'duration_ms', 'response_status'),
  ...sameNamed('timestamptz', 'started_at', 'next_attempt_at'),
  ...sameNamed('boolean', 'response_body_truncated'),
  ['request_headers', 'jsonb', (row) => json(row.requestHeaders)],
  ['response_headers', 'jsonb', (row) => json(row.responseHeaders)],
];

const PAYLOAD: Array<Column<PayloadRow>> = [
  ...sameNamed('text', 'event_id', 'organization_id', 'event_type'),
  ...sameNamed('timestamptz', 'occurred_at', 'created_at'),
  ['body', 'jsonb', (row) => json(row.body)],
];

const DELIVERY: Array<Column<DeliveryRow>> = [
  ...sameNamed('text', 'id', 'organization_id', 'webhook_id', 'event_id', 'event_type', 'subject', 'url'),
  ...sameNamed('text', 'status', 'last_attempt_id', 'last_outcome'),
  ...sameNamed('int', 'last_attempt_number', 'last_response_status'),
  ...sameNamed('timestamptz', 'last_attempt_at', 'next_attempt_at', 'event_occurred_at'),
  ...sameNamed('timestamptz', 'created_at', 'updated_at'),
  ['attempt_count', 'int', (row) => row.newAttempts],
];

const STATS: Array<Column<StatsIncrement>> = [
  ...sameNamed('text', 'organization_id', 'webhook_id', 'event_type'),
  ...sameNamed('timestamptz', 'bucket_start'),
  ...sameNamed('bigint', 'attempts', 'latency_count', 'latency_sum_ms'),
  ...sameNamed('bigint', 'deliveries_started', 'deliveries_succeeded'),
  ...sameNamed('bigint', 'deliveries_failed', 'deliveries_expired'),
  ...sameNamed('int', 'latency_max_ms'),
  ...ATTEMPT_OUTCOMES.map((outcome): Column<StatsIncrement> => [
    OUTCOME_COLUMNS[outcome],
    'bigint',
    (row) => row.outcomes[outcome],
  ]),
  ['latency_histogram', 'bigint[]', (row) => `{${row.latencyHistogram.join(',')}}`],
];

const TABLES = [
  ['attempt', 'id'],
  ['delivery', 'id'],
  ['payload', 'event_id'],
  ['stats_hourly', 'organization_id, bucket_start, webhook_id, event_type'],
] as const;

/** Every projection table of `schema` as row literals, for a byte-for-byte comparison. */
async function rowsOf(dataSource: DataSource, schema: string, organizationId: string) {
  const tables: Record<string, string[]> = {};
  for (const [table, orderBy] of TABLES) {
    const rows = await dataSource.query<Array<{ row: string }>>(
      `SELECT t::text AS row FROM ${schema}.${table} t WHERE organization_id = $1 ORDER BY ${orderBy}`,
      [organizationId],
    );
    tables[table] = rows.map(({ row }) => row);
  }
  return tables;
}

describe(ProjectionRepository.name, () => {
  const env = testEnvironment();
  const oracle = `audit_oracle_${env.runId.replace(/\W/g, '_')}`.toLowerCase();
  let dataSource: DataSource;
  let repository: ProjectionRepository;

  beforeAll(async () => {
    const options = auditDataSourceOptions(env.databaseUrl);
    await runMigrations(options);
    dataSource = await new DataSource(options).initialize();
    repository = new ProjectionRepository(dataSource);
    await dataSource.query(`CREATE SCHEMA ${oracle}`);
    for (const [table] of TABLES) {
      await dataSource.query(`CREATE TABLE ${oracle}.${table} (LIKE audit.${table} INCLUDING ALL)`);
    }
  });

  afterAll(async () => {
    await dataSource?.query(`DROP SCHEMA IF EXISTS ${oracle} CASCADE`);
    await dataSource?.destroy();
  });

  /** Writes `events` (all new) through the repository, and the same rows the way they were sent before. */
  async function writeBothWays(events: AttemptEvent[]): Promise<void> {
    const attempts = events.map(toAttemptRow);
    const payloads = groupBy(events, (event) => event.eventId).map(toPayloadRow);
    const deliveries = groupBy(events, (event) => event.deliveryId).map(toDeliveryRow);
    const stats = toStatsIncrements(events);
    await repository.transaction(async (writer) => {
      expect(await writer.insertAttempts(attempts)).toEqual({
        inserted: new Set(attempts.map((row) => row.id)),
        replaced: new Set(),
      });
      await writer.upsertPayloads(payloads);
      await writer.upsertDeliveries(deliveries);
      await writer.addStats(stats);
    });
    await insertWithArrayParameters(dataSource, `${oracle}.attempt`, ATTEMPT, attempts);
    await insertWithArrayParameters(dataSource, `${oracle}.payload`, PAYLOAD, payloads);
    await insertWithArrayParameters(dataSource, `${oracle}.delivery`, DELIVERY, deliveries);
    await insertWithArrayParameters(dataSource, `${oracle}.stats_hourly`, STATS, stats);
    // How the count was kept before: counted from the attempts stored.
    await dataSource.query(
      `UPDATE ${oracle}.delivery d SET attempt_count = (SELECT count(*) FROM ${oracle}.attempt a WHERE a.delivery_id = d.id)
       WHERE d.id = ANY($1)`,
      [deliveries.map((row) => row.id)],
    );
  }

  it('stores byte for byte the rows that one array parameter per column stored', async () => {
    const organizationId = `org_${env.runId}_jsonb_rows`;
    const on = { organizationId, url: 'https://example.com/hooks?a="b",{c}\\d&e=NULL' };
    const tricky = anAttemptEvent(
      {
        ...on,
        eventType: 'estimate.updated',
        subject: 'job "1", {é} 😀\n\ttab \\ NULL',
        requestHeaders: {
          'content-type': 'application/json',
          'x-ñame': 'va"l\\ue {1,2} 😀',
          authorization: 'x',
        },
        responseStatus: null,
        responseHeaders: null,
        responseBody: null,
        outcome: 'timeout',
        error: 'NULL',
        deliveryStatus: 'retrying',
        nextAttemptAt: '2026-11-22T12:05:00.123+02:00',
      },
      hoursAgo(5),
    );
    tricky.payload.data = {
      numbers: [0, -0, 0.1, 1e21, 1.5e-7, 2 ** 60, -42],
      text: 'quote " backslash \\ brace { } comma , newline \n control \u0001 del \u007f é 😀',
      empty: { object: {}, array: [], text: '' },
      nested: [{ a: [true, false, null] }, 'NULL'],
      'key "quoted" é': 'value',
    };
    const bodies = ['', 'NULL', '{"a":[1,2]}', 'line\nbreak \\ "quoted" {1,2}', 'x'.repeat(70_000)];
    const events = [
      tricky,
      ...aRetriedDelivery(on, hoursAgo(3)),
      ...anExhaustedDelivery(on, hoursAgo(2)),
      ...bodies.map((responseBody) => anAttemptEvent({ ...on, responseBody }, hoursAgo(1))),
    ].map(validAttempt);

    await writeBothWays(events);

    const written = await rowsOf(dataSource, 'audit', organizationId);
    expect(written.attempt).toHaveLength(events.length);
    expect(written.stats_hourly.length).toBeGreaterThanOrEqual(4);
    expect(written).toEqual(await rowsOf(dataSource, oracle, organizationId));
  });

  it('stores a lone surrogate in text as a text parameter does, as U+FFFD', async () => {
    const organizationId = `org_${env.runId}_jsonb_surrogate`;
    const event = anAttemptEvent(
      { organizationId, subject: 'job \uD800 1', responseBody: 'body \uDC00', error: 'err \uD83D' },
      hoursAgo(1),
    );

    await writeBothWays([validAttempt(event)]);

    expect(await rowsOf(dataSource, 'audit', organizationId)).toEqual(
      await rowsOf(dataSource, oracle, organizationId),
    );
    const [stored] = await dataSource.query<Array<{ subject: string; response_body: string }>>(
      `SELECT d.subject, a.response_body FROM audit.delivery d JOIN audit.attempt a ON a.delivery_id = d.id
       WHERE d.organization_id = $1`,
      [organizationId],
    );
    expect(stored).toEqual({ subject: 'job \uFFFD 1', response_body: 'body \uFFFD' });
  });

  it('stores NUL and lone surrogates anywhere in an attempt, keys included, as U+FFFD', async () => {
    const organizationId = `org_${env.runId}_jsonb_nul`;
    // Each field as sent, and as it must be stored.
    const sentAndStored = {
      subject: ['job \u0000 1', 'job \uFFFD 1'],
      url: ['https://example.com/\u0000', 'https://example.com/\uFFFD'],
      requestHeaders: [
        { 'content-type': 'application/json', 'x-nul': 'a\u0000b' },
        { 'content-type': 'application/json', 'x-nul': 'a\uFFFDb' },
      ],
      responseHeaders: [{ 'x-\u0000': '\uDC00' }, { 'x-\uFFFD': '\uFFFD' }],
      // A backslash followed by "u0000" is text, not a NUL: it stays as it was.
      responseBody: ['body \u0000 \\u0000 end', 'body \uFFFD \\u0000 end'],
      error: ['err \u0000', 'err \uFFFD'],
    };
    const side = (index: 0 | 1): Partial<AttemptEvent> =>
      Object.fromEntries(Object.entries(sentAndStored).map(([field, values]) => [field, values[index]]));
    const event = anAttemptEvent({ organizationId, ...side(0) }, hoursAgo(1));
    // Parsed, as a consumer receives it: `__proto__` is then an own key, not the prototype.
    event.payload.data = JSON.parse(
      '{"key\\u0000":["\\u0000",{"nested":"x\\ud800y"}],"constructor":"c","__proto__":1}',
    );

    await repository.transaction(async (writer) => {
      await writer.insertAttempts([toAttemptRow(validAttempt(event))]);
      await writer.upsertPayloads([toPayloadRow([validAttempt(event)])]);
      await writer.upsertDeliveries([toDeliveryRow([validAttempt(event)])]);
      await writer.addStats(toStatsIncrements([validAttempt(event)]));
    });

    const [stored] = await dataSource.query<Array<Record<string, unknown>>>(
      `SELECT d.subject, a.url, a.request_headers AS "requestHeaders", a.response_headers AS "responseHeaders",
         a.response_body AS "responseBody", a.error, p.body
       FROM audit.delivery d JOIN audit.attempt a ON a.delivery_id = d.id JOIN audit.payload p ON p.event_id = d.event_id
       WHERE d.organization_id = $1`,
      [organizationId],
    );
    expect(stored).toEqual({
      ...side(1),
      body: {
        ...event.payload,
        data: JSON.parse('{"key\\ufffd":["\\ufffd",{"nested":"x\\ufffdy"}],"constructor":"c","__proto__":1}'),
      },
    });
  });

  /** Batches of one organization that share rollup rows, payloads and attempts, each in an order of its own. */
  function overlappingBatches(organizationId: string) {
    const webhooks = ['wh_a', 'wh_b', 'wh_c', 'wh_d'];
    const hours = [hoursAgo(1), hoursAgo(2), hoursAgo(3)];
    // Events delivered to every webhook: their deliveries share the event's payload row.
    const events = hours.flatMap((hour) =>
      Array.from({ length: 5 }, () => ({ hour, event: anAttemptEvent({ organizationId }, hour) })),
    );
    const attempts = events.flatMap(({ hour, event }) =>
      webhooks.map((webhookId) =>
        validAttempt(
          anAttemptEvent({ organizationId, webhookId, eventId: event.eventId, payload: event.payload }, hour),
        ),
      ),
    );
    const batchCount = 6;
    // Each batch touches most rollup rows and many payloads and repeats attempts of another;
    // written unsorted, two of them would lock rows in opposite orders.
    const batches = Array.from({ length: batchCount }, (_, batch) => {
      const own = attempts.filter((_, index) => index % batchCount === batch);
      const replayed = attempts.filter((_, index) => index % batchCount === (batch + 1) % batchCount);
      const rows = [...own, ...replayed.slice(0, Math.ceil(replayed.length / 2))];
      return batch % 2 === 0 ? rows : rows.reverse();
    });
    return { events: events.length, attempts: attempts.length, batches };
  }

  it('lets concurrent batches that share rows finish without deadlock, counting each attempt once', async () => {
    const service = new ProjectionService(
      repository,
      new RetentionPolicy({ payloadDays: 30, attemptDays: 90, statsDays: 400 }),
    );
    // A few rounds: a deadlock needs an unlucky interleaving.
    for (const round of [1, 2, 3, 4, 5]) {
      const organizationId = `org_${env.runId}_jsonb_concurrent_${round}`;
      const { events, attempts, batches } = overlappingBatches(organizationId);

      const results = await Promise.all(batches.map((batch) => service.project(batch)));

      expect(results.reduce((sum, result) => sum + result.stored, 0)).toBe(attempts);
      const [counts] = await dataSource.query<Array<Record<string, number>>>(
        `SELECT (SELECT count(*)::int FROM audit.attempt WHERE organization_id = $1) AS attempts,
           (SELECT count(*)::int FROM audit.delivery WHERE organization_id = $1) AS deliveries,
           (SELECT sum(attempt_count)::int FROM audit.delivery WHERE organization_id = $1) AS "attemptCounts",
           (SELECT count(*)::int FROM audit.payload WHERE organization_id = $1) AS payloads,
           (SELECT sum(attempts)::int FROM audit.stats_hourly WHERE organization_id = $1) AS "rolledUp"`,
        [organizationId],
      );
      expect(counts).toEqual({
        attempts,
        deliveries: attempts,
        attemptCounts: attempts,
        payloads: events,
        rolledUp: attempts,
      });
    }
  });
});
