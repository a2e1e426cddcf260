// projection: how many attempts/s audit-projection-service absorbs (synthetic AttemptEvents produced straight to
// hookline.attempts.v1, timed until audit.delivery holds them all), and the log-history list latency with a
// large delivery log. The log is grown to its target size by cloning the projected rows in SQL (the projection
// would take too long for a million): same columns, new ids, older timestamps.
import { createRequire } from 'node:module';
import path from 'node:path';
import { RAW_TOPICS } from '../lib/infra.mjs';
import { perSecond } from '../lib/measure.mjs';
import { ROOT } from '../lib/services.mjs';
import { summarize } from '../lib/stats.mjs';
import { nowMs, sleep, waitFor } from '../lib/util.mjs';

const WEBHOOKS = 10;
const FAILED_EVERY = 50;
const RAW_TABLE = 'bench_raw.attempt';

/** The example messages of the contracts library as built in dist/. */
function loadContractExamples() {
  return createRequire(import.meta.url)(path.join(ROOT, 'dist/out-tsc/libs/contracts/src/testing/index.js'));
}

/**
 * A real attempt event from the topic (so the shape follows the contract as built), else the contracts' example
 * attempt moved to the bench organization.
 */
async function attemptTemplate(ctx, org) {
  const { Topics } = ctx.contracts;
  const found = await ctx.kafka.findMessage(Topics.attempts, (value) => value.outcome === 'success', 15_000);
  if (found) {
    return found;
  }
  ctx.log('projection: no attempt on the topic to copy; using the example attempt of the contracts');
  const { anExampleAttemptEvent, EXAMPLE_PAYLOAD } = loadContractExamples();
  const [webhook] = org.webhooks;
  return anExampleAttemptEvent({
    organizationId: org.id,
    webhookId: webhook.id,
    url: webhook.url,
    durationMs: 3,
    requestHeaders: { 'content-type': 'application/json', 'user-agent': 'Hookline/0.1.0' },
    payload: { ...EXAMPLE_PAYLOAD, data: ctx.platform.example },
  });
}

function syntheticAttempts(ctx, org, template, count, { tag, newestAt }) {
  const { newId, IdPrefix } = ctx.contracts;
  const attempts = [];
  for (let index = 0; index < count; index += 1) {
    const webhook = org.webhooks[index % org.webhooks.length];
    const failed = index % FAILED_EVERY === FAILED_EVERY - 1;
    const startedAt = new Date(newestAt - (count - index) * 10).toISOString();
    const eventId = newId(IdPrefix.event);
    attempts.push({
      ...template,
      attemptId: newId(IdPrefix.attempt),
      deliveryId: `dlv_bench_${tag}_${index}`,
      eventId,
      organizationId: org.id,
      webhookId: webhook.id,
      subject: `job_${index}`,
      url: webhook.url,
      attempt: 1,
      startedAt,
      durationMs: 3 + (index % 40),
      responseStatus: failed ? 500 : 200,
      outcome: failed ? 'http_5xx' : 'success',
      deliveryStatus: failed ? 'failed' : 'succeeded',
      nextAttemptAt: null,
      eventOccurredAt: startedAt,
      payload: { ...template.payload, id: eventId, timestamp: startedAt },
    });
  }
  return attempts;
}

async function count(db, sql, params = []) {
  const { rows } = await db.query(sql, params);
  return Number(rows[0].count);
}

/**
 * Produces the attempt records and waits until `storedNow()` counts all of them (or the drain timeout);
 * the rate is from the first produce call to the last record stored.
 */
async function produceUntilStored(ctx, { label, topic, messages, storedNow }) {
  const { kafka, sampler } = ctx;
  sampler.begin(label);
  const startedAt = nowMs();
  await kafka.sendAll(topic, messages, { chunkSize: 1_000, concurrency: 4 });
  const produceMs = nowMs() - startedAt;
  const done = await waitFor(async () => (await storedNow()) >= messages.length, {
    timeoutMs: ctx.settings.projection.drainTimeoutS * 1000,
    intervalMs: 100,
  });
  const elapsedMs = nowMs() - startedAt;
  const resources = sampler.end(label);
  const stored = await storedNow();
  const figures = {
    attempts: messages.length,
    stored,
    allStored: stored >= messages.length,
    timedOut: !done,
    elapsedMs: Math.round(elapsedMs),
    attemptsPerSecond: perSecond(stored, elapsedMs),
    resources,
  };
  return { produceMs: Math.round(produceMs), figures };
}

async function projectHookline(ctx, org, attempts, label) {
  const { db, contracts } = ctx;
  const before = await count(db, 'SELECT count(*) FROM audit.delivery WHERE organization_id = $1', [org.id]);
  const messages = attempts.map((attempt) => ({
    key: attempt.deliveryId,
    value: JSON.stringify(attempt),
    headers: { [contracts.KafkaHeaders.schema]: contracts.ATTEMPT_EVENT_SCHEMA },
  }));
  const { produceMs, figures } = await produceUntilStored(ctx, {
    label,
    topic: contracts.Topics.attempts,
    messages,
    storedNow: async () =>
      (await count(db, 'SELECT count(*) FROM audit.delivery WHERE organization_id = $1', [org.id])) - before,
  });
  return { ...figures, produceMs };
}

async function projectRaw(ctx, attempts) {
  const { db, raw } = ctx;
  await db.query(`CREATE SCHEMA IF NOT EXISTS bench_raw`);
  await db.query(`CREATE TABLE IF NOT EXISTS ${RAW_TABLE} (id text PRIMARY KEY, body jsonb NOT NULL)`);
  await db.query(`TRUNCATE ${RAW_TABLE}`);
  await raw.worker.call('startProjector', {
    brokers: raw.brokers,
    groupId: `bench-raw-projector-${ctx.runId}`,
    topic: RAW_TOPICS.attempts,
    databaseUrl: ctx.infra.databaseUrl,
    table: RAW_TABLE,
  });
  await sleep(500);
  try {
    const messages = attempts.map((attempt) => ({ key: attempt.attemptId, value: JSON.stringify(attempt) }));
    const { figures } = await produceUntilStored(ctx, {
      label: 'projection.raw',
      topic: RAW_TOPICS.attempts,
      messages,
      storedNow: () => count(db, `SELECT count(*) FROM ${RAW_TABLE}`),
    });
    return figures;
  } finally {
    await raw.worker.call('stopProjector');
    await db.query(`DROP SCHEMA bench_raw CASCADE`);
  }
}

const quote = (name) => `"${name.replaceAll('"', '""')}"`;

/** The insertable columns of an audit table, in order, read from the catalog so new columns are copied too. */
async function columnsOf(client, table) {
  const { rows } = await client.query(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = 'audit' AND table_name = $1 AND is_generated = 'NEVER' AND is_identity = 'NO'
     ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((row) => row.column_name);
}

/**
 * One clone round of an audit table: the organization's original rows copied with every column as is, except
 * `overrides` (new ids, older timestamps; SQL over the row alias `o` and the round number `$3`).
 */
async function cloneRows(client, { table, key, overrides }, { organizationId, limit, round }) {
  const columns = await columnsOf(client, table);
  const values = columns.map((column) => overrides[column] ?? `o.${quote(column)}`);
  await client.query(
    `INSERT INTO audit.${table} (${columns.map(quote).join(', ')})
     SELECT ${values.join(', ')}
     FROM (SELECT * FROM audit.${table} WHERE organization_id = $1 AND position('.c' in ${key}) = 0
           ORDER BY ${key} LIMIT $2) o`,
    [organizationId, limit, round],
  );
}

const SHIFT = `($3::int * interval '1 day')`;
const SUFFIX = `('.c' || $3::int)`;
const CLONES = [
  {
    table: 'delivery',
    key: 'id',
    overrides: {
      id: `o.id || ${SUFFIX}`,
      event_id: `o.event_id || ${SUFFIX}`,
      last_attempt_id: `o.last_attempt_id || ${SUFFIX}`,
      created_at: `o.created_at - ${SHIFT}`,
      updated_at: `o.updated_at - ${SHIFT}`,
      last_attempt_at: `o.last_attempt_at - ${SHIFT}`,
      event_occurred_at: `o.event_occurred_at - ${SHIFT}`,
    },
  },
  {
    table: 'attempt',
    key: 'delivery_id',
    overrides: {
      id: `o.id || ${SUFFIX}`,
      delivery_id: `o.delivery_id || ${SUFFIX}`,
      started_at: `o.started_at - ${SHIFT}`,
    },
  },
  {
    table: 'payload',
    key: 'event_id',
    overrides: {
      event_id: `o.event_id || ${SUFFIX}`,
      occurred_at: `o.occurred_at - ${SHIFT}`,
      created_at: `o.created_at - ${SHIFT}`,
    },
  },
];

/** Clones the organization's projected rows (delivery, attempt, payload) until audit.attempt holds `target` rows. */
async function growLog(ctx, org, perClone, target) {
  const client = await ctx.db.connect();
  const startedAt = nowMs();
  const statementMs = Object.fromEntries(CLONES.map((clone) => [clone.table, 0]));
  try {
    let stored = await count(client, 'SELECT count(*) FROM audit.attempt');
    let round = 0;
    await client.query('SET synchronous_commit = off');
    while (stored < target) {
      round += 1;
      const limit = Math.min(perClone, target - stored);
      await client.query('BEGIN');
      for (const clone of CLONES) {
        const began = nowMs();
        await cloneRows(client, clone, { organizationId: org.id, limit, round });
        statementMs[clone.table] += nowMs() - began;
      }
      await client.query('COMMIT');
      stored = await count(client, 'SELECT count(*) FROM audit.attempt');
      ctx.log(`projection: clone round ${round}: ${stored} attempts stored`);
    }
    await client.query('ANALYZE audit.delivery; ANALYZE audit.attempt; ANALYZE audit.payload');
    return {
      method:
        'SQL copies of the projected rows (INSERT … SELECT of every column, new ids, timestamps one day older per round), then ANALYZE',
      clones: round,
      attemptsStored: stored,
      deliveriesStored: await count(client, 'SELECT count(*) FROM audit.delivery'),
      seconds: Number(((nowMs() - startedAt) / 1000).toFixed(1)),
      statementSeconds: Object.fromEntries(
        Object.entries(statementMs).map(([table, value]) => [table, Number((value / 1000).toFixed(1))]),
      ),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function timeRequests(times, request) {
  const latencies = [];
  let failures = 0;
  for (let index = 0; index < times; index += 1) {
    const startedAt = nowMs();
    const ok = await request();
    if (ok) {
      latencies.push(nowMs() - startedAt);
    } else {
      failures += 1;
    }
  }
  return { requests: times, failures, latencyMs: summarize(latencies) };
}

async function listLatency(ctx, org, requests) {
  const { api, db, sampler } = ctx;
  const [webhook] = org.webhooks;
  const list = (query) => async () =>
    (await api.listDeliveries(org.apiKey, webhook.id, query)).status === 200;
  await timeRequests(20, list({ limit: '20' }));
  sampler.begin('projection.list');
  const firstPage = await timeRequests(requests, list({ limit: '20' }));
  const page = await api.listDeliveries(org.apiKey, webhook.id, { limit: '20' });
  const nextCursor = page.body?.nextCursor;
  const secondPage = nextCursor
    ? await timeRequests(Math.ceil(requests / 4), list({ limit: '20', cursor: nextCursor }))
    : null;
  const failedOnly = await timeRequests(Math.ceil(requests / 4), list({ limit: '20', status: 'failed' }));
  // The raw ceiling: the same keyset query straight to Postgres.
  const sql = await timeRequests(requests, async () => {
    await db.query(
      `SELECT * FROM audit.delivery d WHERE d.webhook_id = $1 AND d.organization_id = $2
       ORDER BY d.created_at DESC, d.id DESC LIMIT 21`,
      [webhook.id, org.id],
    );
    return true;
  });
  const resources = sampler.end('projection.list');
  const webhookDeliveries = await count(db, 'SELECT count(*) FROM audit.delivery WHERE webhook_id = $1', [
    webhook.id,
  ]);
  return { webhookDeliveries, firstPage, secondPage, failedOnly, rawSql: sql, resources };
}

export async function runProjection(ctx) {
  const settings = ctx.settings.projection;
  const specs = Array.from({ length: WEBHOOKS }, (_, index) => ({ mode: 'ok', key: `projection-${index}` }));
  const org = await ctx.platform.provisionOrg('bench projection', specs);
  // One real delivery: proves the audit service knows the organization's webhooks and gives a template.
  await ctx.platform.warmUp([{ org, keys: [specs[0].key] }]);
  const auditGroup = ctx.env.AUDIT_CONSUMER_GROUP;
  const caughtUp = await waitFor(
    async () => (await ctx.kafka.lag(auditGroup, ctx.contracts.Topics.attempts)) === 0,
    {
      timeoutMs: 120_000,
      intervalMs: 500,
    },
  );
  if (!caughtUp) {
    ctx.log('projection: audit-projection-service is still behind on earlier attempts; measuring anyway');
  }
  const listable = await waitFor(
    async () =>
      (await ctx.api.listDeliveries(org.apiKey, org.webhooks.at(-1).id, { limit: '1' })).status === 200,
    { timeoutMs: 30_000 },
  );
  if (!listable) {
    throw new Error('projection: the audit service does not list the bench webhooks');
  }
  const template = await attemptTemplate(ctx, org);

  ctx.log(`projection: ${settings.events} synthetic attempts → ${ctx.contracts.Topics.attempts}`);
  const attempts = syntheticAttempts(ctx, org, template, settings.events, { tag: 'a', newestAt: Date.now() });
  const empty = await projectHookline(ctx, org, attempts, 'projection.hookline');
  ctx.log(`projection: ${empty.stored}/${empty.attempts} stored at ${empty.attemptsPerSecond} attempts/s`);

  let raw = null;
  if (ctx.raw) {
    raw = await projectRaw(ctx, attempts);
    ctx.log(`projection: raw sink ${raw.attemptsPerSecond} attempts/s`);
  }

  ctx.log(`projection: growing the log to ${settings.storedTarget} attempts`);
  const grown = await growLog(ctx, org, settings.events, settings.storedTarget);
  ctx.log(`projection: ${grown.attemptsStored} attempts stored (${grown.seconds}s)`);

  const laterCount = Math.round(settings.events / 2);
  const later = syntheticAttempts(ctx, org, template, laterCount, { tag: 'b', newestAt: Date.now() });
  const full = await projectHookline(ctx, org, later, 'projection.hookline.full');
  ctx.log(`projection: with the log full, ${full.attemptsPerSecond} attempts/s`);

  const list = await listLatency(ctx, org, settings.listRequests);
  ctx.log(
    `projection: list p50 ${list.firstPage.latencyMs.p50} ms, p95 ${list.firstPage.latencyMs.p95} ms ` +
      `(${list.webhookDeliveries} deliveries on the webhook)`,
  );
  return { hookline: { empty, full, list }, raw, grown };
}
