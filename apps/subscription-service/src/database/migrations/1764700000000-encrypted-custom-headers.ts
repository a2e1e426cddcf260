import { sqlMigration } from '@hookline/platform';

/**
 * Custom header values are sealed like credentials, in `encrypted_headers`. Sealing needs the
 * service's keys, so existing plaintext values stay in `headers` until the service seals them at
 * start (see `SecretsReencryptionService`) and republishes each webhook's state. States already
 * relayed are stripped of their plaintext headers here: nothing reads a published outbox row again.
 */
export const EncryptedCustomHeaders1764700000000 = sqlMigration('EncryptedCustomHeaders1764700000000', {
  up: [
    `ALTER TABLE "subscription"."webhook" ADD COLUMN "encrypted_headers" jsonb NOT NULL DEFAULT '{}'`,
    `UPDATE "subscription"."outbox" SET "payload" = "payload" - 'headers'
       WHERE "published_at" IS NOT NULL AND "payload" ? 'headers'`,
  ],
  down: [`ALTER TABLE "subscription"."webhook" DROP COLUMN "encrypted_headers"`],
});
