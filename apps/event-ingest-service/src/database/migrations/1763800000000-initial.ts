import { sqlMigration } from '@hookline/platform';

export const Initial1763800000000 = sqlMigration('Initial1763800000000', {
  up: [
    `CREATE SCHEMA IF NOT EXISTS ingest`,
    `
      CREATE TABLE ingest.idempotency_key (
        organization_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        envelope jsonb NOT NULL,
        published_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_key PRIMARY KEY (organization_id, key)
      )`,
    `CREATE INDEX idx_idempotency_key_created_at ON ingest.idempotency_key (created_at)`,
  ],
  down: [`DROP TABLE ingest.idempotency_key`],
});
