import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A webhook's client certificate and CA bundle (PEM, the key sealed); null, for every existing webhook, is plain TLS. */
export class WebhookTls1765100000000 implements MigrationInterface {
  name = 'WebhookTls1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subscription"."webhook" ADD COLUMN "tls" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subscription"."webhook" DROP COLUMN "tls"`);
  }
}
