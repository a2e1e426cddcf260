import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SUBSCRIPTION_SCHEMA } from '../database/schema';
import { OutboxMessage } from './outbox-message.entity';
import type { OutboxRecord, OutboxStore } from './outbox-store';

/** What a change announces: a Kafka message to publish once the change has committed. */
export interface OutboxEntry {
  topic: string;
  key: string;
  /** null publishes a tombstone. */
  payload: object | null;
  headers?: Record<string, string>;
}

/** NOTIFY channel that wakes the relay as soon as a change commits. */
export const OUTBOX_CHANNEL = 'hookline_outbox';

// One name for every replica: the advisory lock makes a single relay publish at a time.
const RELAY_LOCK_NAME = 'hookline:subscription:outbox-relay';
const OUTBOX_TABLE = `"${SUBSCRIPTION_SCHEMA}"."outbox"`;

@Injectable()
export class OutboxRepository implements OutboxStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes `entries` in the caller's transaction, so they exist exactly when the change does. */
  async append(manager: EntityManager, entries: OutboxEntry[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('outbox entries must be appended inside the transaction of the change they announce');
    }
    if (entries.length === 0) {
      return;
    }
    await manager.insert(
      OutboxMessage,
      entries.map((entry) => ({
        topic: entry.topic,
        key: entry.key,
        payload: entry.payload,
        headers: entry.headers ?? {},
      })),
    );
    // Delivered by Postgres only on commit, so the relay never wakes for a rolled-back change.
    await manager.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
  }

  async publishOldest(
    limit: number,
    publish: (records: OutboxRecord[]) => Promise<void>,
  ): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      // Transaction-scoped, so the lock can never outlive the pass, whatever happens to it.
      const [{ locked }] = await manager.query<Array<{ locked: boolean }>>(
        'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked',
        [RELAY_LOCK_NAME],
      );
      if (!locked) {
        return null;
      }
      const records = await manager.query<OutboxRecord[]>(
        `SELECT id, topic, key, payload, headers FROM ${OUTBOX_TABLE}
         WHERE published_at IS NULL ORDER BY id LIMIT $1`,
        [limit],
      );
      if (records.length === 0) {
        return 0;
      }
      await publish(records);
      await manager.query(`UPDATE ${OUTBOX_TABLE} SET published_at = now() WHERE id = ANY($1::bigint[])`, [
        records.map((record) => record.id),
      ]);
      return records.length;
    });
  }

  async deletePublishedBefore(cutoff: Date, limit: number): Promise<number> {
    const [{ count }] = await this.dataSource.query<Array<{ count: number }>>(
      `WITH expired AS (
         SELECT id FROM ${OUTBOX_TABLE}
         WHERE published_at < $1 ORDER BY published_at LIMIT $2 FOR UPDATE SKIP LOCKED
       ), deleted AS (
         DELETE FROM ${OUTBOX_TABLE} AS outbox USING expired WHERE outbox.id = expired.id RETURNING 1
       )
       SELECT count(*)::int AS count FROM deleted`,
      [cutoff, limit],
    );
    return count;
  }
}
