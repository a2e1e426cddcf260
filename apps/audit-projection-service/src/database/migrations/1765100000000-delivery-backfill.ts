import { sqlMigration } from '@hookline/platform';

/** A delivery made by a backfill names it; the log filters a webhook's deliveries by it. */
export const DeliveryBackfill1765100000000 = sqlMigration('DeliveryBackfill1765100000000', {
  up: [
    `ALTER TABLE "audit"."delivery" ADD COLUMN "backfill_id" text`,
    `CREATE INDEX "delivery_webhook_backfill_idx" ON "audit"."delivery" ("webhook_id", "backfill_id", "created_at", "id") WHERE "backfill_id" IS NOT NULL`,
  ],
  down: [
    `DROP INDEX "audit"."delivery_webhook_backfill_idx"`,
    `ALTER TABLE "audit"."delivery" DROP COLUMN "backfill_id"`,
  ],
});
