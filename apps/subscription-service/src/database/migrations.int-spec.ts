import { runMigrations } from '@hookline/platform';
import { testEnvironment } from '@hookline/testing';
import { DataSource } from 'typeorm';
import { subscriptionDataSourceOptions } from './data-source';

/** Queries the services run often, each with the index that must serve it. */
const INDEXED_QUERIES: Array<[sql: string, index: string]> = [
  [
    'SELECT id FROM subscription.outbox WHERE published_at IS NULL ORDER BY id LIMIT 500',
    'outbox_unpublished_idx',
  ],
  [
    "SELECT id FROM subscription.webhook WHERE organization_id = 'org_x' AND id < 'wh_z' ORDER BY id DESC LIMIT 21",
    'webhook_organization_id_id_idx',
  ],
  ["SELECT id FROM subscription.api_key WHERE hash = 'abc' AND revoked_at IS NULL", 'api_key_hash_key'],
  [
    "SELECT id FROM subscription.webhook_secret WHERE webhook_id = 'wh_x' AND expires_at IS NULL",
    'webhook_secret_current_key',
  ],
  [
    'SELECT webhook_id FROM subscription.webhook_secret WHERE expires_at IS NOT NULL AND expires_at < now() ORDER BY expires_at LIMIT 100',
    'webhook_secret_expires_at_idx',
  ],
];

describe('subscription migrations', () => {
  const options = subscriptionDataSourceOptions(testEnvironment().databaseUrl);

  it('apply once; a second run is a no-op', async () => {
    await runMigrations(options);
    expect(await runMigrations(options)).toEqual([]);
  });

  it('leave nothing for TypeORM to change: the hand-written migrations match the entities', async () => {
    await runMigrations(options);
    const dataSource = new DataSource(options);
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('serve the relay scan and the webhook list from their indexes', async () => {
    await runMigrations(options);
    const dataSource = new DataSource(options);
    await dataSource.initialize();
    // One connection, so the planner setting applies to every EXPLAIN below.
    const connection = dataSource.createQueryRunner();
    try {
      const plan = async (sql: string): Promise<string> => {
        const rows = (await connection.query(`EXPLAIN ${sql}`)) as Array<{ 'QUERY PLAN': string }>;
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      };
      // The tables are nearly empty; without this the planner would rightly prefer a scan.
      await connection.query('SET enable_seqscan = off');
      for (const [sql, index] of INDEXED_QUERIES) {
        expect(await plan(sql)).toContain(index);
      }
    } finally {
      await connection.release();
      await dataSource.destroy();
    }
  });
});
