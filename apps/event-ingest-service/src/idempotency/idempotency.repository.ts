import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope } from '@hookline/contracts';

export interface IdempotencyClaim {
  organizationId: string;
  key: string;
  requestHash: string;
  envelope: EventEnvelope;
}

export interface ClaimedKey {
  /** The envelope to publish: ours when the key was new, the first request's otherwise. */
  envelope: EventEnvelope;
  requestHash: string;
  isNew: boolean;
  published: boolean;
}

interface ClaimRow {
  envelope: EventEnvelope;
  request_hash: string;
  published_at: Date | null;
  inserted: boolean;
}

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims the keys of one request together: `decide` sees each claim and throws to refuse the request,
   * which rolls every claim of it back, so a refused batch holds no key. Claimed in key order, so two
   * requests sharing keys wait for each other instead of deadlocking.
   */
  async claimAll<T>(
    claims: readonly IdempotencyClaim[],
    ttlHours: number,
    decide: (claimed: ClaimedKey, claim: IdempotencyClaim) => T,
  ): Promise<Map<IdempotencyClaim, T>> {
    const ordered = [...claims].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const claimEach = async (manager: EntityManager) => {
      const decided = new Map<IdempotencyClaim, T>();
      for (const claim of ordered)
        decided.set(claim, decide(await this.claim(claim, ttlHours, manager), claim));
      return decided;
    };
    // One claim needs no transaction: its insert is atomic on its own.
    return ordered.length <= 1 ? claimEach(this.dataSource.manager) : this.dataSource.transaction(claimEach);
  }

  /** Inserts the key, or returns the live row that holds it; an expired row is taken over. */
  async claim(
    claim: IdempotencyClaim,
    ttlHours: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ClaimedKey> {
    const rows: ClaimRow[] = await manager.query(
      `INSERT INTO ingest.idempotency_key (organization_id, key, request_hash, envelope)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, key) DO UPDATE
         SET request_hash = excluded.request_hash, envelope = excluded.envelope,
             published_at = NULL, created_at = now()
         WHERE ingest.idempotency_key.created_at < now() - make_interval(hours => $5)
       RETURNING envelope, request_hash, published_at, true AS inserted`,
      [claim.organizationId, claim.key, claim.requestHash, JSON.stringify(claim.envelope), ttlHours],
    );
    const row = rows[0] ?? (await this.findLive(manager, claim.organizationId, claim.key));
    return {
      envelope: row.envelope,
      requestHash: row.request_hash,
      isNew: row.inserted,
      published: row.published_at !== null,
    };
  }

  private async findLive(manager: EntityManager, organizationId: string, key: string): Promise<ClaimRow> {
    const rows: ClaimRow[] = await manager.query(
      `SELECT envelope, request_hash, published_at, false AS inserted
       FROM ingest.idempotency_key WHERE organization_id = $1 AND key = $2`,
      [organizationId, key],
    );
    return rows[0];
  }

  async markPublished(organizationId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(
      `UPDATE ingest.idempotency_key SET published_at = now()
       WHERE organization_id = $1 AND key = ANY($2::text[]) AND published_at IS NULL`,
      [organizationId, keys],
    );
  }

  /** Deletes expired keys in small batches so no long lock is held. */
  async pruneExpired(ttlHours: number, batchSize = 1_000): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM ingest.idempotency_key WHERE ctid IN (
         SELECT ctid FROM ingest.idempotency_key
         WHERE created_at < now() - make_interval(hours => $1) LIMIT $2)`,
      [ttlHours, batchSize],
    );
    return result[1];
  }
}
