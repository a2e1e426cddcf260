import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A delivery made by a backfill names it; the log filters a webhook's deliveries by it. */
export class DeliveryBackfill1765100000000 implements MigrationInterface {
  name = 'DeliveryBackfill1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit"."delivery" ADD COLUMN "backfill_id" text`);
    await queryRunner.query(
      `CREATE INDEX "delivery_webhook_backfill_idx" ON "audit"."delivery" ("webhook_id", "backfill_id", "created_at", "id") WHERE "backfill_id" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "audit"."delivery_webhook_backfill_idx"`);
    await queryRunner.query(`ALTER TABLE "audit"."delivery" DROP COLUMN "backfill_id"`);
  }
}
