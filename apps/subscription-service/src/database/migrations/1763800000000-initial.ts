import { sqlMigration } from '@hookline/platform';

/** Organizations, API keys, webhooks with their signing secrets, and the outbox. */
export const Initial1763800000000 = sqlMigration('Initial1763800000000', {
  up: [
    `
      CREATE TABLE "subscription"."organization" (
        "id" text NOT NULL,
        "name" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
      )`,

    `
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
      )`,
    `CREATE UNIQUE INDEX "api_key_hash_key" ON "subscription"."api_key" ("hash")`,
    `CREATE INDEX "api_key_organization_id_idx" ON "subscription"."api_key" ("organization_id")`,

    `
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
      )`,
    // Serves the org-scoped list, newest first (backward scan), and the org check of every lookup.
    `CREATE INDEX "webhook_organization_id_id_idx" ON "subscription"."webhook" ("organization_id", "id")`,

    `
      CREATE TABLE "subscription"."webhook_secret" (
        "id" uuid NOT NULL,
        "webhook_id" text NOT NULL,
        "encrypted" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz,
        CONSTRAINT "webhook_secret_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "webhook_secret_webhook_id_fkey" FOREIGN KEY ("webhook_id")
          REFERENCES "subscription"."webhook" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`,
    `CREATE INDEX "webhook_secret_webhook_id_idx" ON "subscription"."webhook_secret" ("webhook_id", "created_at")`,
    // At most one current secret per webhook.
    `CREATE UNIQUE INDEX "webhook_secret_current_key" ON "subscription"."webhook_secret" ("webhook_id") WHERE expires_at IS NULL`,

    `
      CREATE TABLE "subscription"."outbox" (
        "id" bigserial NOT NULL,
        "topic" text NOT NULL,
        "key" text NOT NULL,
        "payload" jsonb,
        "headers" jsonb NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "published_at" timestamptz,
        CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
      )`,
    // The relay's scan: unpublished rows in id order; stays small however long the table grows.
    `CREATE INDEX "outbox_unpublished_idx" ON "subscription"."outbox" ("id") WHERE published_at IS NULL`,
    // The purge of published rows past their retention.
    `CREATE INDEX "outbox_published_at_idx" ON "subscription"."outbox" ("published_at") WHERE published_at IS NOT NULL`,
  ],
  down: [
    `DROP TABLE "subscription"."outbox"`,
    `DROP TABLE "subscription"."webhook_secret"`,
    `DROP TABLE "subscription"."webhook"`,
    `DROP TABLE "subscription"."api_key"`,
    `DROP TABLE "subscription"."organization"`,
  ],
});
