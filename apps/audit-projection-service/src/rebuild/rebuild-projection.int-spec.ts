import { createKafka, parseBrokerList } from '@hookline/kafka';
import { runMigrations } from '@hookline/platform';
import { eventually, testEnvironment } from '@hookline/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  aRetriedDelivery,
  anAttemptEvent,
  anExhaustedDelivery,
  hoursAgo,
} from '../../test/attempt-event.fixture';
import { AuditKafka } from '../../test/audit-kafka';
import { startAuditApp, type AuditTestApp } from '../../test/audit-test-app';
import { getJson } from '../../test/http';
import { aWebhookState } from '../../test/webhook-state.fixture';
import { AuditEnv } from '../config/audit.env';
import { AUDIT_PROJECTION_TABLES, auditDataSourceOptions } from '../database/data-source';
import { retentionPolicyFrom } from '../retention/retention.module';
import { rebuildProjection } from './rebuild-projection';

/** The tables whose rows belong to an organization: the watermark is the topic's, shared by all. */
type OrganizationTable = Exclude<(typeof AUDIT_PROJECTION_TABLES)[number], 'attempt_watermark'>;

/** Primary key order of each projection table, so snapshots compare row by row. */
const ORDER_BY: Record<OrganizationTable, string> = {
  attempt: 'id',
  attempt_start: 'id',
  delivery: 'id',
  payload: 'event_id',
  stats_hourly: 'organization_id, bucket_start, webhook_id, event_type',
  webhook: 'id',
};

describe(rebuildProjection.name, () => {
  const env = testEnvironment();
  const organizations = [`org_${env.runId}_rebuild_a`, `org_${env.runId}_rebuild_b`];
  const [orgA, orgB] = organizations;
  const webhooks = [aWebhookState({ organizationId: orgA }), aWebhookState({ organizationId: orgB })];
  const deletedWebhook = aWebhookState({ organizationId: orgA });
  const rebuildDatabase = `${process.env.HOOKLINE_TEST_DATABASE}_rebuild`;
  const adminUrl = process.env.HOOKLINE_TEST_ADMIN_DATABASE_URL ?? '';
  let kafka: AuditKafka;
  let audit: AuditTestApp;
  let target: DataSource | null = null;

  const on = (webhookId: string, organizationId: string) => ({ organizationId, webhookId });
  const retried = aRetriedDelivery(on(webhooks[0].id, orgA), hoursAgo(3));
  const exhausted = anExhaustedDelivery(on(webhooks[1].id, orgB), hoursAgo(2));
  const outOfOrder = aRetriedDelivery(on(webhooks[0].id, orgA), hoursAgo(1));
  const oversized = anAttemptEvent(
    { ...on(webhooks[1].id, orgB), responseBody: 'x'.repeat(70_000), eventType: 'estimate.updated' },
    hoursAgo(1),
  );
  const onDeleted = anAttemptEvent(on(deletedWebhook.id, orgA), hoursAgo(4));
  const sent = [
    retried[0],
    retried[0],
    retried[1],
    ...exhausted,
    outOfOrder[1],
    outOfOrder[0],
    oversized,
    onDeleted,
  ];
  const deliveries = [retried, exhausted, outOfOrder, [oversized], [onDeleted]];

  beforeAll(async () => {
    kafka = new AuditKafka(env.kafkaBrokers);
    await kafka.connect();
    const readKeys = await Promise.all(
      organizations.map((org, index) =>
        kafka.createApiKey(org, ['deliveries:read'], `key_${env.runId}_rebuild_${index}`),
      ),
    );
    for (const state of [...webhooks, deletedWebhook]) {
      await kafka.sendWebhookState(state);
    }
    await kafka.sendWebhookState({ ...webhooks[0], url: 'https://example.com/moved', version: 2 });
    await kafka.sendAttempts(...sent);
    await kafka.deleteWebhook(deletedWebhook.id);
    audit = await startAuditApp(env, `${env.runId}-audit-rebuild-live`);
    const live = audit.app.get(DataSource);
    await eventually(
      async () => {
        for (const attempts of deliveries) {
          const key = readKeys[organizations.indexOf(attempts[0].organizationId)];
          const { status, body } = await getJson<{ attemptCount: number }>(
            audit.baseUrl,
            `/v1/deliveries/${attempts[0].deliveryId}`,
            key,
          );
          expect([status, body.attemptCount]).toEqual([200, attempts.length]);
        }
        const [webhookRows] = await live.query<Array<{ deleted: number; moved: number; count: number }>>(
          `SELECT count(*) FILTER (WHERE deleted_at IS NOT NULL)::int AS deleted,
             count(*) FILTER (WHERE version = 2)::int AS moved, count(*)::int AS count
           FROM audit.webhook WHERE organization_id = ANY($1)`,
          [organizations],
        );
        expect(webhookRows).toEqual({ deleted: 1, moved: 1, count: 3 });
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });

  afterAll(async () => {
    await target?.destroy();
    await audit?.close();
    await kafka?.disconnect();
    await adminQuery(`DROP DATABASE IF EXISTS "${rebuildDatabase}" WITH (FORCE)`);
  });

  async function adminQuery(sql: string): Promise<void> {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  async function snapshot(dataSource: DataSource) {
    const tables: Record<string, unknown[]> = {};
    for (const table of Object.keys(ORDER_BY) as OrganizationTable[]) {
      tables[table] = await dataSource.query(
        `SELECT * FROM audit.${table} WHERE organization_id = ANY($1) ORDER BY ${ORDER_BY[table]}`,
        [organizations],
      );
    }
    return tables;
  }

  it('replays both topics from offset 0 into an empty schema and produces the same rows, rollups included', async () => {
    const live = await snapshot(audit.app.get(DataSource));
    expect(live.delivery).toHaveLength(deliveries.length);
    expect(live.attempt).toHaveLength(deliveries.flat().length);
    expect(live.stats_hourly.length).toBeGreaterThanOrEqual(4);

    await adminQuery(`CREATE DATABASE "${rebuildDatabase}"`);
    const url = new URL(env.databaseUrl);
    url.pathname = `/${rebuildDatabase}`;
    await runMigrations(auditDataSourceOptions(url.toString()));
    target = await new DataSource(auditDataSourceOptions(url.toString())).initialize();
    // Something to be emptied first: a rebuild starts from nothing, whatever the schema held.
    await target.query(
      `INSERT INTO audit.webhook (id, organization_id, url, deleted_at, version, updated_at)
       VALUES ('wh_leftover', $1, 'https://example.com/old', NULL, 1, now())`,
      [orgA],
    );

    const config = new AuditEnv();
    const report = await rebuildProjection({
      dataSource: target,
      kafka: createKafka({
        clientId: 'audit-rebuild-int-test',
        brokers: parseBrokerList(env.kafkaBrokers),
        logLevel: 'error',
      }),
      retention: retentionPolicyFrom(config),
      groupId: `${env.runId}-audit-rebuild`,
    });

    expect(await snapshot(target)).toEqual(live);
    expect(report.attempts.stored).toBeGreaterThanOrEqual(deliveries.flat().length);
    expect(report.attempts.replayed).toBeGreaterThanOrEqual(1);
    expect(report.rows.delivery).toBeGreaterThanOrEqual(deliveries.length);
  });
});
