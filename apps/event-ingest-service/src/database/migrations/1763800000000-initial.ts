import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ingest`);
    await queryRunner.query(`
      CREATE TABLE ingest.idempotency_key (
        organization_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        envelope jsonb NOT NULL,
        published_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_key PRIMARY KEY (organization_id, key)
      )`);
    await queryRunner.query(
      `CREATE INDEX idx_idempotency_key_created_at ON ingest.idempotency_key (created_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ingest.idempotency_key`);
  }
}
