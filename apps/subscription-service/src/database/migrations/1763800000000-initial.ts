import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations, API keys, webhooks with their signing secrets, and the outbox. */
export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "subscription"."organization" (
        "id" text NOT NULL,
        "name" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
      )`);

    await queryRunner.query(`
      CREATE TABLE "subscription"."api_key" (
        "id" text NOT NULL,
        "organization_id" text NOT NULL,
        "name" text NOT NULL,
        "prefix" text NOT NULL,
        "hash" text NOT NULL,
        "scopes" text[] NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_used_at" timestamptz,
        "revoked_at" timestamptz,
        CONSTRAINT "api_key_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "api_key_organization_id_fkey" FOREIGN KEY ("organization_id")
          REFERENCES "subscription"."organization" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_key_hash_key" ON "subscription"."api_key" ("hash")`);
    await queryRunner.query(
      `CREATE INDEX "api_key_organization_id_idx" ON "subscription"."api_key" ("organization_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "subscription"."webhook" (
        "id" text NOT NULL,
        "organization_id" text NOT NULL,
        "name" text NOT NULL,
        "description" text,
        "url" text NOT NULL,
        "events" text[] NOT NULL,
        "active" boolean NOT NULL,
        "auth" jsonb NOT NULL DEFAULT '{"type": "none"}',
        "headers" jsonb NOT NULL DEFAULT '{}',
        "retry_policy" jsonb NOT NULL DEFAULT '{"preset": "standard"}',
        "timeout_seconds" integer NOT NULL DEFAULT 15,
        "signature_scheme" jsonb NOT NULL DEFAULT '{"type": "standard-webhooks"}',
        "metadata" jsonb NOT NULL DEFAULT '{}',
        "version" integer NOT NULL DEFAULT 1,
        "disabled_reason" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "webhook_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "webhook_organization_id_fkey" FOREIGN KEY ("organization_id")
          REFERENCES "subscription"."organization" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION
      )`);
    // Serves the org-scoped list, newest first (backward scan), and the org check of every lookup.
    await queryRunner.query(
      `CREATE INDEX "webhook_organization_id_id_idx" ON "subscription"."webhook" ("organization_id", "id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "subscription"."webhook_secret" (
        "id" uuid NOT NULL,
        "webhook_id" text NOT NULL,
        "encrypted" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz,
        CONSTRAINT "webhook_secret_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "webhook_secret_webhook_id_fkey" FOREIGN KEY ("webhook_id")
          REFERENCES "subscription"."webhook" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "webhook_secret_webhook_id_idx" ON "subscription"."webhook_secret" ("webhook_id", "created_at")`,
    );
    // At most one current secret per webhook.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "webhook_secret_current_key" ON "subscription"."webhook_secret" ("webhook_id") WHERE expires_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE "subscription"."outbox" (
        "id" bigserial NOT NULL,
        "topic" text NOT NULL,
        "key" text NOT NULL,
        "payload" jsonb,
        "headers" jsonb NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "published_at" timestamptz,
        CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
      )`);
    // The relay's scan: unpublished rows in id order; stays small however long the table grows.
    await queryRunner.query(
      `CREATE INDEX "outbox_unpublished_idx" ON "subscription"."outbox" ("id") WHERE published_at IS NULL`,
    );
    // The purge of published rows past their retention.
    await queryRunner.query(
      `CREATE INDEX "outbox_published_at_idx" ON "subscription"."outbox" ("published_at") WHERE published_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "subscription"."outbox"`);
    await queryRunner.query(`DROP TABLE "subscription"."webhook_secret"`);
    await queryRunner.query(`DROP TABLE "subscription"."webhook"`);
    await queryRunner.query(`DROP TABLE "subscription"."api_key"`);
    await queryRunner.query(`DROP TABLE "subscription"."organization"`);
  }
}
