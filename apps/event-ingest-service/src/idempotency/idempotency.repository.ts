import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
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
  /** True when another request (or an earlier event of this one) publishes it: not again. */
  published: boolean;
}

interface ClaimRow {
  envelope: EventEnvelope;
  request_hash: string;
  published_at: Date | null;
  lease_expired: boolean;
  inserted: boolean;
}

/**
 * How long the request that claimed a key may take to publish its event before another request
 * with the key takes over: past it, the first is taken to have died before Kafka acknowledged.
 */
export const PUBLISH_LEASE_SECONDS = 10;
const WAIT_POLL_MS = 20;

const RETURNING = `RETURNING envelope, request_hash, published_at, false AS lease_expired`;

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
      const claimedHere = new Map<string, ClaimedKey>();
      for (const claim of ordered) {
        const earlier = claimedHere.get(claim.key);
        // The same key twice in one request: one event, published by its first occurrence.
        const claimed = earlier
          ? { ...earlier, isNew: false, published: true }
          : await this.claim(claim, ttlHours, manager);
        claimedHere.set(claim.key, claimed);
        decided.set(claim, decide(claimed, claim));
      }
      return decided;
    };
    // One claim needs no transaction: its insert is atomic on its own.
    return ordered.length <= 1 ? claimEach(this.dataSource.manager) : this.dataSource.transaction(claimEach);
  }

  /**
   * Inserts the key (an expired row is taken over) and holds its publish lease; or, for a key
   * another request holds, waits until that request published the event, taking over when its
   * lease lapses. So concurrent requests with one key publish its event once.
   */
  async claim(
    claim: IdempotencyClaim,
    ttlHours: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ClaimedKey> {
    const rows: ClaimRow[] = await manager.query(
      `INSERT INTO ingest.idempotency_key (organization_id, key, request_hash, envelope, publish_lease_until)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $6))
       ON CONFLICT (organization_id, key) DO UPDATE
         SET request_hash = excluded.request_hash, envelope = excluded.envelope,
             published_at = NULL, created_at = now(), publish_lease_until = excluded.publish_lease_until
         WHERE ingest.idempotency_key.created_at < now() - make_interval(hours => $5)
       ${RETURNING}, true AS inserted`,
      [
        claim.organizationId,
        claim.key,
        claim.requestHash,
        JSON.stringify(claim.envelope),
        ttlHours,
        PUBLISH_LEASE_SECONDS,
      ],
    );
    if (rows[0]) {
      return toClaimed(rows[0], false);
    }
    return this.awaitPublisher(claim, manager);
  }

  private async awaitPublisher(claim: IdempotencyClaim, manager: EntityManager): Promise<ClaimedKey> {
    const deadline = Date.now() + 2 * PUBLISH_LEASE_SECONDS * 1000;
    for (;;) {
      const row = await this.findLive(manager, claim.organizationId, claim.key);
      // A different request answers 409 at once; the caller checks the hash.
      if (row.published_at !== null || row.request_hash !== claim.requestHash) {
        return toClaimed(row, true);
      }
      if (row.lease_expired) {
        const taken = await this.takeOverLease(manager, claim.organizationId, claim.key);
        if (taken) {
          return toClaimed(taken, false);
        }
      }
      if (Date.now() > deadline) {
        throw new ServiceUnavailableException(
          `idempotencyKey "${claim.key}" is being published by another request; retry`,
        );
      }
      await delay(WAIT_POLL_MS);
    }
  }

  private async findLive(manager: EntityManager, organizationId: string, key: string): Promise<ClaimRow> {
    const rows: ClaimRow[] = await manager.query(
      `SELECT envelope, request_hash, published_at, false AS inserted,
         coalesce(publish_lease_until < now(), true) AS lease_expired
       FROM ingest.idempotency_key WHERE organization_id = $1 AND key = $2`,
      [organizationId, key],
    );
    return rows[0];
  }

  private async takeOverLease(
    manager: EntityManager,
    organizationId: string,
    key: string,
  ): Promise<ClaimRow | null> {
    const rows: [ClaimRow[], number] = await manager.query(
      `UPDATE ingest.idempotency_key SET publish_lease_until = now() + make_interval(secs => $3)
       WHERE organization_id = $1 AND key = $2 AND published_at IS NULL
         AND (publish_lease_until IS NULL OR publish_lease_until < now())
       ${RETURNING}, false AS inserted`,
      [organizationId, key, PUBLISH_LEASE_SECONDS],
    );
    return rows[0][0] ?? null;
  }

  async markPublished(organizationId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) {
      return;
    }
    await this.dataSource.query(
      `UPDATE ingest.idempotency_key SET published_at = now(), publish_lease_until = NULL
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

/** `waited`: the row is another request's, whose event is published (or whose request differs). */
function toClaimed(row: ClaimRow, waited: boolean): ClaimedKey {
  return {
    envelope: row.envelope,
    requestHash: row.request_hash,
    isNew: row.inserted,
    published: waited,
  };
}
