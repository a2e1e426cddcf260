import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who is publishing a key's event right now, so concurrent requests with the key publish it once. */
export class IdempotencyPublishLease1764600000000 implements MigrationInterface {
  name = 'IdempotencyPublishLease1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE ingest.idempotency_key ADD COLUMN publish_lease_until timestamptz NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ingest.idempotency_key DROP COLUMN publish_lease_until`);
  }
}
