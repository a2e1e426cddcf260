import { sqlMigration } from '@hookline/platform';

/** A webhook's payload filter (JSON, checked by the API); null, for every existing webhook, takes every event. */
export const WebhookFilter1765000000000 = sqlMigration('WebhookFilter1765000000000', {
  up: [`ALTER TABLE "subscription"."webhook" ADD COLUMN "filter" jsonb`],
  down: [`ALTER TABLE "subscription"."webhook" DROP COLUMN "filter"`],
});
