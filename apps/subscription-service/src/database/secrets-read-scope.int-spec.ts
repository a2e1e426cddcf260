import { Topics } from '@hookline/contracts';
import { runMigrations } from '@hookline/platform';
import { testEnvironment } from '@hookline/testing';
import { DataSource } from 'typeorm';
import { subscriptionDataSourceOptions } from './data-source';
import { SecretsReadScope1764100000000 } from './migrations/1764100000000-secrets-read-scope';

/** Keys issued before `secrets:read` existed, and what the migration gives each. */
describe(SecretsReadScope1764100000000.name, () => {
  const { databaseUrl, runId } = testEnvironment();
  const organizationId = `org_${runId}scopes`;
  let dataSource: DataSource;

  const insertKey = (id: string, scopes: string[]) =>
    dataSource.query(
      `INSERT INTO subscription.api_key (id, organization_id, name, prefix, hash, scopes) VALUES ($1, $2, 'old', 'hk_x', $3, $4)`,
      [id, organizationId, `hash-${id}`, scopes],
    );
  const scopesOf = async (id: string): Promise<string[]> =>
    (
      await dataSource.query<Array<{ scopes: string[] }>>(
        'SELECT scopes FROM subscription.api_key WHERE id = $1',
        [id],
      )
    )[0].scopes;

  beforeAll(async () => {
    const options = subscriptionDataSourceOptions(databaseUrl);
    await runMigrations(options);
    dataSource = await new DataSource(options).initialize();
    await dataSource.query(`INSERT INTO subscription.organization (id, name) VALUES ($1, 'Old keys')`, [
      organizationId,
    ]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('grants secrets:read to keys that could already rotate a secret, not to read-only keys, and announces them', async () => {
    const writer = `key_${runId}rw`;
    const reader = `key_${runId}ro`;
    const ingestOnly = `key_${runId}ev`;
    await insertKey(writer, ['webhooks:read', 'webhooks:write', 'events:write', 'deliveries:read']);
    await insertKey(reader, ['webhooks:read']);
    await insertKey(ingestOnly, ['events:write']);

    const queryRunner = dataSource.createQueryRunner();
    try {
      await new SecretsReadScope1764100000000().up(queryRunner);
      await new SecretsReadScope1764100000000().up(queryRunner);
    } finally {
      await queryRunner.release();
    }

    expect(await scopesOf(writer)).toEqual([
      'webhooks:read',
      'webhooks:write',
      'events:write',
      'deliveries:read',
      'secrets:read',
    ]);
    expect(await scopesOf(reader)).toEqual(['webhooks:read']);
    expect(await scopesOf(ingestOnly)).toEqual(['events:write']);
    const announced = await dataSource.query<
      Array<{ key: string; payload: Record<string, unknown>; headers: Record<string, string> }>
    >('SELECT key, payload, headers FROM subscription.outbox WHERE topic = $1 AND key = ANY($2)', [
      Topics.apiKeys,
      [writer, reader, ingestOnly],
    ]);
    expect(announced).toEqual([
      {
        key: writer,
        payload: {
          id: writer,
          organizationId,
          hash: `hash-${writer}`,
          scopes: ['webhooks:read', 'webhooks:write', 'events:write', 'deliveries:read', 'secrets:read'],
          revokedAt: null,
        },
        headers: { 'hookline-schema': 'api-key-record.v1' },
      },
    ]);
  });
});
