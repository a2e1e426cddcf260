import { runMigrations } from '@hookline/platform';
import { eventually, testEnvironment } from '@hookline/testing';
import { DataSource } from 'typeorm';
import { subscriptionDataSourceOptions } from '../database/data-source';
import type { OutboxRecord } from './outbox-store';
import { OutboxRepository } from './outbox.repository';

const TOPIC = 'hookline.subscriptions.v1';

describe(OutboxRepository.name, () => {
  const { databaseUrl, runId } = testEnvironment();
  const options = subscriptionDataSourceOptions(databaseUrl);
  let first: DataSource;
  let second: DataSource;
  let keyPrefix: string;
  let testNumber = 0;

  beforeAll(async () => {
    await runMigrations(options);
    first = await new DataSource(options).initialize();
    second = await new DataSource(options).initialize();
  });

  beforeEach(() => {
    testNumber += 1;
    keyPrefix = `outbox-it-${runId}-${testNumber}-`;
  });

  afterEach(async () => {
    // These rows are test data: never let a relay of a later test publish them to the real topic.
    await first.query('DELETE FROM subscription.outbox WHERE key LIKE $1', [`${keyPrefix}%`]);
  });

  afterAll(async () => {
    await first?.destroy();
    await second?.destroy();
  });

  async function append(repository: OutboxRepository, dataSource: DataSource, keys: string[]): Promise<void> {
    await dataSource.transaction((manager) =>
      repository.append(
        manager,
        keys.map((key) => ({ topic: TOPIC, key: `${keyPrefix}${key}`, payload: { key } })),
      ),
    );
  }

  const ours = (records: OutboxRecord[]) =>
    records
      .filter((record) => record.key.startsWith(keyPrefix))
      .map((record) => record.key.slice(keyPrefix.length));

  async function unpublishedKeys(): Promise<string[]> {
    const rows = await first.query<Array<{ key: string }>>(
      'SELECT key FROM subscription.outbox WHERE key LIKE $1 AND published_at IS NULL ORDER BY id',
      [`${keyPrefix}%`],
    );
    return rows.map((row) => row.key.slice(keyPrefix.length));
  }

  it('refuses to append outside a transaction', async () => {
    const repository = new OutboxRepository(first);
    await expect(
      repository.append(first.manager, [{ topic: TOPIC, key: 'x', payload: null }]),
    ).rejects.toThrow(/inside the transaction/);
  });

  it('appends nothing when the change rolls back', async () => {
    const repository = new OutboxRepository(first);
    await expect(
      first.transaction(async (manager) => {
        await repository.append(manager, [{ topic: TOPIC, key: `${keyPrefix}a`, payload: {} }]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await unpublishedKeys()).toEqual([]);
  });

  it('hands rows over in id order, tombstones as null, and marks them published', async () => {
    const repository = new OutboxRepository(first);
    await append(repository, first, ['a', 'b', 'c']);
    await first.transaction((manager) =>
      repository.append(manager, [{ topic: TOPIC, key: `${keyPrefix}a`, payload: null }]),
    );
    const handed: OutboxRecord[] = [];
    await eventually(async () => {
      await repository.publishOldest(500, async (records) => void handed.push(...records));
      expect(await unpublishedKeys()).toEqual([]);
    });
    expect(ours(handed)).toEqual(['a', 'b', 'c', 'a']);
    expect(
      handed.filter((record) => record.key.startsWith(keyPrefix)).map((record) => record.payload),
    ).toEqual([{ key: 'a' }, { key: 'b' }, { key: 'c' }, null]);
  });

  it('leaves the rows unpublished when the publish fails, and hands the same rows again', async () => {
    const repository = new OutboxRepository(first);
    await append(repository, first, ['a', 'b']);
    await expect(
      repository.publishOldest(500, async () => {
        throw new Error('Kafka is down');
      }),
    ).rejects.toThrow('Kafka is down');
    expect(await unpublishedKeys()).toEqual(['a', 'b']);
    const handed: OutboxRecord[] = [];
    await repository.publishOldest(500, async (records) => void handed.push(...records));
    expect(ours(handed)).toEqual(['a', 'b']);
  });

  it('lets only one relay publish at a time, across connections', async () => {
    const relayA = new OutboxRepository(first);
    const relayB = new OutboxRepository(second);
    await append(relayA, first, ['a']);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const lockTaken = new Promise<void>((resolve) => (holding = resolve));
    const passA = relayA.publishOldest(500, async () => {
      holding();
      await gate;
    });
    await lockTaken;
    await expect(relayB.publishOldest(500, async () => undefined)).resolves.toBeNull();
    release();
    expect(await passA).toBeGreaterThanOrEqual(1);
    await expect(relayB.publishOldest(500, async () => undefined)).resolves.not.toBeNull();
  });

  it('deletes only rows published before the cutoff', async () => {
    const repository = new OutboxRepository(first);
    await append(repository, first, ['old', 'recent', 'pending']);
    await first.query(
      `UPDATE subscription.outbox SET published_at = now() - interval '2 hours' WHERE key = $1`,
      [`${keyPrefix}old`],
    );
    await first.query('UPDATE subscription.outbox SET published_at = now() WHERE key = $1', [
      `${keyPrefix}recent`,
    ]);
    expect(await repository.deletePublishedBefore(new Date(Date.now() - 3_600_000), 1_000)).toBe(1);
    const rows = await first.query<Array<{ key: string }>>(
      'SELECT key FROM subscription.outbox WHERE key LIKE $1 ORDER BY id',
      [`${keyPrefix}%`],
    );
    expect(rows.map((row) => row.key.slice(keyPrefix.length))).toEqual(['recent', 'pending']);
  });
});
