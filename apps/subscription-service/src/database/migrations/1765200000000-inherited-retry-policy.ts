import { sqlMigration } from '@hookline/platform';

/**
 * A webhook's retry policy may be null: it then inherits its event types' default schedules. Existing
 * webhooks keep the policy they have (explicit, `standard` included): their deliveries do not change.
 */
export const InheritedRetryPolicy1765200000000 = sqlMigration('InheritedRetryPolicy1765200000000', {
  up: [
    `ALTER TABLE "subscription"."webhook" ALTER COLUMN "retry_policy" DROP DEFAULT, ALTER COLUMN "retry_policy" DROP NOT NULL`,
  ],
  down: [
    `UPDATE "subscription"."webhook" SET "retry_policy" = '{"preset": "standard"}' WHERE "retry_policy" IS NULL`,
    `ALTER TABLE "subscription"."webhook" ALTER COLUMN "retry_policy" SET DEFAULT '{"preset": "standard"}', ALTER COLUMN "retry_policy" SET NOT NULL`,
  ],
});
