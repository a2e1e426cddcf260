import { sqlMigration } from '@hookline/platform';

/** A webhook's client certificate and CA bundle (PEM, the key sealed); null, for every existing webhook, is plain TLS. */
export const WebhookTls1765100000000 = sqlMigration('WebhookTls1765100000000', {
  up: [`ALTER TABLE "subscription"."webhook" ADD COLUMN "tls" jsonb`],
  down: [`ALTER TABLE "subscription"."webhook" DROP COLUMN "tls"`],
});
