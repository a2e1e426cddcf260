import { sqlMigration } from '@hookline/platform';
import { replaceViewSql } from '../analytics-views';

const LAST_ATTEMPT_COLUMNS = ['last_attempt_id', 'last_outcome', 'last_attempt_at'];

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
export const AttemptJournalAndHolds1764800000000 = sqlMigration('AttemptJournalAndHolds1764800000000', {
  up: [
    `
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
      )`,
    `CREATE INDEX "attempt_start_delivery_idx" ON "audit"."attempt_start" ("delivery_id")`,
    `
      CREATE TABLE "audit"."attempt_watermark" (
        "kafka_partition" integer NOT NULL,
        "kafka_timestamp" timestamptz NOT NULL,
        CONSTRAINT "attempt_watermark_pkey" PRIMARY KEY ("kafka_partition")
      )`,
    ...LAST_ATTEMPT_COLUMNS.map(
      (column) => `ALTER TABLE "audit"."delivery" ALTER COLUMN "${column}" DROP NOT NULL`,
    ),
    `ALTER TABLE "audit"."delivery" ADD COLUMN "held_reason" text NULL`,
    `ALTER TABLE "audit"."stats_hourly" ADD COLUMN "outcome_interrupted" bigint NOT NULL DEFAULT 0`,
    replaceViewSql('v_deliveries', 2),
    replaceViewSql('v_stats_hourly', 2),
  ],
  down: [
    // Views first: they name the columns that go.
    `DROP VIEW "audit"."v_stats_hourly"`,
    `DROP VIEW "audit"."v_deliveries"`,
    `ALTER TABLE "audit"."stats_hourly" DROP COLUMN "outcome_interrupted"`,
    `ALTER TABLE "audit"."delivery" DROP COLUMN "held_reason"`,
    `DELETE FROM "audit"."delivery" WHERE "last_attempt_id" IS NULL`,
    ...LAST_ATTEMPT_COLUMNS.map(
      (column) => `ALTER TABLE "audit"."delivery" ALTER COLUMN "${column}" SET NOT NULL`,
    ),
    `DROP TABLE "audit"."attempt_watermark"`,
    `DROP TABLE "audit"."attempt_start"`,
  ],
});
