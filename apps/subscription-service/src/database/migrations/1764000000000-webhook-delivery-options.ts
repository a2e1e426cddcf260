import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-webhook delivery options, when the platform disabled or a user activated it, and the secret cleanup's index. */
export class WebhookDeliveryOptions1764000000000 implements MigrationInterface {
  name = 'WebhookDeliveryOptions1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "subscription"."webhook"
        ADD COLUMN "ordered" boolean NOT NULL DEFAULT false,
        ADD COLUMN "rate_limit_per_second" integer,
        ADD COLUMN "max_concurrency" integer,
        ADD COLUMN "disabled_at" timestamptz,
        ADD COLUMN "activated_at" timestamptz`);
    // Webhooks that were already active count as activated when they were last changed.
    await queryRunner.query(
      `UPDATE "subscription"."webhook" SET "activated_at" = "updated_at" WHERE "active" AND "activated_at" IS NULL`,
    );
    // The cleanup job's scan for secrets past their grace period.
    await queryRunner.query(
      `CREATE INDEX "webhook_secret_expires_at_idx" ON "subscription"."webhook_secret" ("expires_at") WHERE expires_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "subscription"."webhook_secret_expires_at_idx"`);
    await queryRunner.query(`
      ALTER TABLE "subscription"."webhook"
        DROP COLUMN "activated_at",
        DROP COLUMN "disabled_at",
        DROP COLUMN "max_concurrency",
        DROP COLUMN "rate_limit_per_second",
        DROP COLUMN "ordered"`);
  }
}
