/** A message as the relay reads it from the outbox. */
export interface OutboxRecord {
  /** bigint as a string; the publishing order. */
  id: string;
  topic: string;
  key: string;
  /** null is a tombstone. */
  payload: unknown;
  headers: Record<string, string>;
}

/** The outbox as the relay sees it; Postgres in production, in memory in unit tests. */
export interface OutboxStore {
  /**
   * Hands the oldest unpublished records (at most `limit`, in id order) to `publish` while holding
   * the single-relay lock, and marks them published only if `publish` resolves. Returns how many
   * were published, or null when another relay holds the lock.
   */
  publishOldest(limit: number, publish: (records: OutboxRecord[]) => Promise<void>): Promise<number | null>;

  /** Deletes at most `limit` records published before `cutoff`; returns how many. */
  deletePublishedBefore(cutoff: Date, limit: number): Promise<number>;
}

export const OUTBOX_STORE = Symbol('OUTBOX_STORE');
