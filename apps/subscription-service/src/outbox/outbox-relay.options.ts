export interface OutboxRelayOptions {
  /** Wait between passes when no NOTIFY arrives. */
  pollIntervalMs: number;
  batchSize: number;
  /** First and longest wait between attempts while Kafka or Postgres refuse. */
  minBackoffMs: number;
  maxBackoffMs: number;
  /** A send that takes longer counts as failed, so a pass never holds the lock for long. */
  sendTimeoutMs: number;
  /** A timed-out send still pending after this long is given up on, and the rows are sent again. */
  abandonSendAfterMs: number;
  /** Published rows are kept this long (for inspection), then deleted. */
  retentionMs: number;
  purgeIntervalMs: number;
  purgeBatchSize: number;
}

export const OUTBOX_RELAY_OPTIONS = Symbol('OUTBOX_RELAY_OPTIONS');

export const DEFAULT_OUTBOX_RELAY_OPTIONS: OutboxRelayOptions = {
  pollIntervalMs: 100,
  batchSize: 500,
  minBackoffMs: 200,
  maxBackoffMs: 5_000,
  sendTimeoutMs: 10_000,
  abandonSendAfterMs: 300_000,
  retentionMs: 3_600_000,
  purgeIntervalMs: 60_000,
  purgeBatchSize: 1_000,
};
