import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A webhook's payload filter (JSON, checked by the API); null, for every existing webhook, takes every event. */
export class WebhookFilter1765000000000 implements MigrationInterface {
  name = 'WebhookFilter1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subscription"."webhook" ADD COLUMN "filter" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subscription"."webhook" DROP COLUMN "filter"`);
  }
}
