import { sqlMigration } from '@hookline/platform';

/** Backfills: replays of past domain events to one webhook, with the counts delivery reports. */
export const Backfill1765300000000 = sqlMigration('Backfill1765300000000', {
  up: [
    `
      CREATE TABLE "subscription"."backfill" (
        "id" text NOT NULL,
        "organization_id" text NOT NULL,
        "webhook_id" text NOT NULL,
        "since" timestamptz NOT NULL,
        "until" timestamptz NOT NULL,
        "event_types" text[] NOT NULL,
        "status" text NOT NULL,
        "scanned" bigint NOT NULL DEFAULT 0,
        "matched" bigint NOT NULL DEFAULT 0,
        "enqueued" bigint NOT NULL DEFAULT 0,
        "partition_count" integer,
        "partitions" jsonb NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL,
        "started_at" timestamptz,
        "finished_at" timestamptz,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "backfill_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "backfill_webhook_id_fkey" FOREIGN KEY ("webhook_id")
          REFERENCES "subscription"."webhook" ("id") ON DELETE CASCADE,
        CONSTRAINT "backfill_status_check"
          CHECK ("status" IN ('pending', 'running', 'completed', 'cancelled', 'failed'))
      )`,
    `CREATE INDEX "backfill_webhook_id_id_idx" ON "subscription"."backfill" ("webhook_id", "id")`,
    // At most one backfill of a webhook is unfinished; the API answers 409 for a second.
    `CREATE UNIQUE INDEX "backfill_one_unfinished_per_webhook_idx" ON "subscription"."backfill" ("webhook_id") WHERE status IN ('pending', 'running')`,
  ],
  down: [`DROP TABLE "subscription"."backfill"`],
});
