import { sqlMigration } from '@hookline/platform';

export const Initial1763800000000 = sqlMigration('Initial1763800000000', {
  up: [
    `CREATE SCHEMA IF NOT EXISTS "audit"`,
    `
      CREATE TABLE "audit"."webhook" (
        "id" text NOT NULL,
        "organization_id" text NOT NULL,
        "url" text NOT NULL,
        "deleted_at" timestamptz NULL,
        "version" integer NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "webhook_pkey" PRIMARY KEY ("id")
      )`,
    `
      CREATE TABLE "audit"."delivery" (
        "id" text NOT NULL,
        "organization_id" text NOT NULL,
        "webhook_id" text NOT NULL,
        "event_id" text NOT NULL,
        "event_type" text NOT NULL,
        "subject" text NOT NULL,
        "url" text NOT NULL,
        "status" text NOT NULL,
        "attempt_count" integer NOT NULL,
        "last_attempt_id" text NOT NULL,
        "last_attempt_number" integer NOT NULL,
        "last_response_status" integer NULL,
        "last_outcome" text NOT NULL,
        "last_attempt_at" timestamptz NOT NULL,
        "next_attempt_at" timestamptz NULL,
        "event_occurred_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "delivery_pkey" PRIMARY KEY ("id")
      )`,
    `CREATE INDEX "delivery_webhook_created_idx" ON "audit"."delivery" ("webhook_id", "created_at" DESC, "id" DESC)`,
    `CREATE INDEX "delivery_organization_created_idx" ON "audit"."delivery" ("organization_id", "created_at" DESC)`,
    `CREATE INDEX "delivery_event_idx" ON "audit"."delivery" ("event_id")`,
    `
      CREATE TABLE "audit"."attempt" (
        "id" text NOT NULL,
        "delivery_id" text NOT NULL,
        "organization_id" text NOT NULL,
        "webhook_id" text NOT NULL,
        "event_type" text NOT NULL,
        "url" text NOT NULL,
        "attempt_number" integer NOT NULL,
        "started_at" timestamptz NOT NULL,
        "duration_ms" integer NOT NULL,
        "request_headers" jsonb NOT NULL,
        "response_status" integer NULL,
        "response_headers" jsonb NULL,
        "response_body" text NULL,
        "response_body_truncated" boolean NOT NULL,
        "outcome" text NOT NULL,
        "error" text NULL,
        "next_attempt_at" timestamptz NULL,
        CONSTRAINT "attempt_pkey" PRIMARY KEY ("id")
      )`,
    `CREATE INDEX "attempt_delivery_idx" ON "audit"."attempt" ("delivery_id", "attempt_number", "started_at")`,
    `
      CREATE TABLE "audit"."payload" (
        "event_id" text NOT NULL,
        "organization_id" text NOT NULL,
        "event_type" text NOT NULL,
        "body" jsonb NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "payload_pkey" PRIMARY KEY ("event_id")
      )`,
  ],
  down: [
    `DROP TABLE "audit"."payload"`,
    `DROP TABLE "audit"."attempt"`,
    `DROP TABLE "audit"."delivery"`,
    `DROP TABLE "audit"."webhook"`,
  ],
});
