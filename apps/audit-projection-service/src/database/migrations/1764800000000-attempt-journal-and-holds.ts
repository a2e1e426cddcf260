import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attempts started but not (yet) finished, and deliveries held back without an attempt:
 * - `attempt_start` keeps each `attempt-start.v1` until its outcome arrives; what never gets one is
 *   recorded as an `interrupted` attempt (see InterruptedAttemptsSweeper);
 * - `attempt_watermark` is the newest message time projected per partition of the attempts topic,
 *   which tells when an outcome can no longer follow its start;
 * - a delivery may exist before its first attempt (held by an open circuit breaker), so its
 *   last-attempt columns become nullable, and `held_reason` says why it waits;
 * - the rollups count `interrupted` attempts; the views gain the two new columns at their end.
 */
export class AttemptJournalAndHolds1764800000000 implements MigrationInterface {
  name = 'AttemptJournalAndHolds1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit"."attempt_start" (
        "id" text NOT NULL,
        "delivery_id" text NOT NULL,
        "organization_id" text NOT NULL,
        "webhook_id" text NOT NULL,
        "event_id" text NOT NULL,
        "event_type" text NOT NULL,
        "subject" text NOT NULL,
        "url" text NOT NULL,
        "attempt_number" integer NOT NULL,
        "started_at" timestamptz NOT NULL,
        "request_headers" jsonb NOT NULL,
        "event_occurred_at" timestamptz NOT NULL,
        "kafka_partition" integer NOT NULL,
        "kafka_timestamp" timestamptz NOT NULL,
        CONSTRAINT "attempt_start_pkey" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "attempt_start_delivery_idx" ON "audit"."attempt_start" ("delivery_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "audit"."attempt_watermark" (
        "kafka_partition" integer NOT NULL,
        "kafka_timestamp" timestamptz NOT NULL,
        CONSTRAINT "attempt_watermark_pkey" PRIMARY KEY ("kafka_partition")
      )`);
    for (const column of ['last_attempt_id', 'last_outcome', 'last_attempt_at']) {
      await queryRunner.query(`ALTER TABLE "audit"."delivery" ALTER COLUMN "${column}" DROP NOT NULL`);
    }
    await queryRunner.query(`ALTER TABLE "audit"."delivery" ADD COLUMN "held_reason" text NULL`);
    await queryRunner.query(
      `ALTER TABLE "audit"."stats_hourly" ADD COLUMN "outcome_interrupted" bigint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`
      CREATE OR REPLACE VIEW "audit"."v_deliveries" AS
      SELECT
        d.id AS delivery_id,
        d.organization_id,
        d.webhook_id,
        d.event_id,
        d.event_type,
        d.subject,
        d.url,
        d.status,
        d.status IN ('succeeded', 'failed', 'expired') AS is_finished,
        d.attempt_count,
        d.last_response_status,
        d.last_outcome,
        d.last_attempt_at,
        d.next_attempt_at,
        d.event_occurred_at,
        d.created_at,
        d.updated_at,
        d.held_reason
      FROM "audit"."delivery" d`);
    await queryRunner.query(`
      CREATE OR REPLACE VIEW "audit"."v_stats_hourly" AS
      SELECT
        s.organization_id,
        s.webhook_id,
        s.event_type,
        s.bucket_start,
        s.attempts,
        s.outcome_success AS succeeded_attempts,
        s.attempts - s.outcome_success AS failed_attempts,
        s.outcome_success,
        s.outcome_http_3xx,
        s.outcome_http_4xx,
        s.outcome_http_5xx,
        s.outcome_timeout,
        s.outcome_dns,
        s.outcome_tls,
        s.outcome_connection_refused,
        s.outcome_connection_reset,
        s.outcome_network,
        s.outcome_blocked,
        s.outcome_expired,
        s.deliveries_started,
        s.deliveries_succeeded,
        s.deliveries_failed,
        s.deliveries_expired,
        s.deliveries_succeeded + s.deliveries_failed + s.deliveries_expired AS deliveries_finished,
        s.deliveries_succeeded::numeric
          / NULLIF(s.deliveries_succeeded + s.deliveries_failed + s.deliveries_expired, 0) AS success_rate,
        s.latency_count,
        s.latency_sum_ms,
        s.latency_sum_ms::numeric / NULLIF(s.latency_count, 0) AS latency_avg_ms,
        s.latency_max_ms,
        "audit"."latency_percentile"(s.latency_histogram, 0.50, s.latency_max_ms) AS latency_p50_ms,
        "audit"."latency_percentile"(s.latency_histogram, 0.95, s.latency_max_ms) AS latency_p95_ms,
        "audit"."latency_percentile"(s.latency_histogram, 0.99, s.latency_max_ms) AS latency_p99_ms,
        s.latency_histogram,
        s.outcome_interrupted
      FROM "audit"."stats_hourly" s`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Views first: they name the columns that go.
    await queryRunner.query(`DROP VIEW "audit"."v_stats_hourly"`);
    await queryRunner.query(`DROP VIEW "audit"."v_deliveries"`);
    await queryRunner.query(`ALTER TABLE "audit"."stats_hourly" DROP COLUMN "outcome_interrupted"`);
    await queryRunner.query(`ALTER TABLE "audit"."delivery" DROP COLUMN "held_reason"`);
    await queryRunner.query(`DELETE FROM "audit"."delivery" WHERE "last_attempt_id" IS NULL`);
    for (const column of ['last_attempt_id', 'last_outcome', 'last_attempt_at']) {
      await queryRunner.query(`ALTER TABLE "audit"."delivery" ALTER COLUMN "${column}" SET NOT NULL`);
    }
    await queryRunner.query(`DROP TABLE "audit"."attempt_watermark"`);
    await queryRunner.query(`DROP TABLE "audit"."attempt_start"`);
  }
}
