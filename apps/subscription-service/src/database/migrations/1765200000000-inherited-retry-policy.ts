import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook's retry policy may be null: it then inherits its event types' default schedules. Existing
 * webhooks keep the policy they have (explicit, `standard` included): their deliveries do not change.
 */
export class InheritedRetryPolicy1765200000000 implements MigrationInterface {
  name = 'InheritedRetryPolicy1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "subscription"."webhook" ALTER COLUMN "retry_policy" DROP DEFAULT, ALTER COLUMN "retry_policy" DROP NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "subscription"."webhook" SET "retry_policy" = '{"preset": "standard"}' WHERE "retry_policy" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "subscription"."webhook" ALTER COLUMN "retry_policy" SET DEFAULT '{"preset": "standard"}', ALTER COLUMN "retry_policy" SET NOT NULL`,
    );
  }
}
