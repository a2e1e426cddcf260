import { sqlMigration } from '@hookline/platform';

/** Who is publishing a key's event right now, so concurrent requests with the key publish it once. */
export const IdempotencyPublishLease1764600000000 = sqlMigration('IdempotencyPublishLease1764600000000', {
  up: [`ALTER TABLE ingest.idempotency_key ADD COLUMN publish_lease_until timestamptz NULL`],
  down: [`ALTER TABLE ingest.idempotency_key DROP COLUMN publish_lease_until`],
});
