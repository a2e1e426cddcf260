import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Custom header values are sealed like credentials, in `encrypted_headers`. Sealing needs the
 * service's keys, so existing plaintext values stay in `headers` until the service seals them at
 * start (see `SecretsReencryptionService`) and republishes each webhook's state. States already
 * relayed are stripped of their plaintext headers here: nothing reads a published outbox row again.
 */
export class EncryptedCustomHeaders1764700000000 implements MigrationInterface {
  name = 'EncryptedCustomHeaders1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "subscription"."webhook" ADD COLUMN "encrypted_headers" jsonb NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `UPDATE "subscription"."outbox" SET "payload" = "payload" - 'headers'
       WHERE "published_at" IS NOT NULL AND "payload" ? 'headers'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subscription"."webhook" DROP COLUMN "encrypted_headers"`);
  }
}
