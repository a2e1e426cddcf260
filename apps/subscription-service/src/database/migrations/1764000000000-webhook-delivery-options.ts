import { sqlMigration } from '@hookline/platform';

/** Per-webhook delivery options, when the platform disabled or a user activated it, and the secret cleanup's index. */
export const WebhookDeliveryOptions1764000000000 = sqlMigration('WebhookDeliveryOptions1764000000000', {
  up: [
    `
      ALTER TABLE "subscription"."webhook"
        ADD COLUMN "ordered" boolean NOT NULL DEFAULT false,
        ADD COLUMN "rate_limit_per_second" integer,
        ADD COLUMN "max_concurrency" integer,
        ADD COLUMN "disabled_at" timestamptz,
        ADD COLUMN "activated_at" timestamptz`,
    // Webhooks that were already active count as activated when they were last changed.
    `UPDATE "subscription"."webhook" SET "activated_at" = "updated_at" WHERE "active" AND "activated_at" IS NULL`,
    // The cleanup job's scan for secrets past their grace period.
    `CREATE INDEX "webhook_secret_expires_at_idx" ON "subscription"."webhook_secret" ("expires_at") WHERE expires_at IS NOT NULL`,
  ],
  down: [
    `DROP INDEX "subscription"."webhook_secret_expires_at_idx"`,
    `
      ALTER TABLE "subscription"."webhook"
        DROP COLUMN "activated_at",
        DROP COLUMN "disabled_at",
        DROP COLUMN "max_concurrency",
        DROP COLUMN "rate_limit_per_second",
        DROP COLUMN "ordered"`,
  ],
});
