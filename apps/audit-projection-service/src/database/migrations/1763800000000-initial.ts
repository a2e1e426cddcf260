import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "audit"`);
    await queryRunner.query(`
      CREATE TABLE "audit"."webhook" (
        "id" text NOT NULL,
        "organization_id" text NOT NULL,
        "url" text NOT NULL,
        "deleted_at" timestamptz NULL,
        "version" integer NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "webhook_pkey" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`
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
      )`);
    await queryRunner.query(
      `CREATE INDEX "delivery_webhook_created_idx" ON "audit"."delivery" ("webhook_id", "created_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "delivery_organization_created_idx" ON "audit"."delivery" ("organization_id", "created_at" DESC)`,
    );
    await queryRunner.query(`CREATE INDEX "delivery_event_idx" ON "audit"."delivery" ("event_id")`);
    await queryRunner.query(`
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
      )`);
    await queryRunner.query(
      `CREATE INDEX "attempt_delivery_idx" ON "audit"."attempt" ("delivery_id", "attempt_number", "started_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "audit"."payload" (
        "event_id" text NOT NULL,
        "organization_id" text NOT NULL,
        "event_type" text NOT NULL,
        "body" jsonb NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "payload_pkey" PRIMARY KEY ("event_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit"."payload"`);
    await queryRunner.query(`DROP TABLE "audit"."attempt"`);
    await queryRunner.query(`DROP TABLE "audit"."delivery"`);
    await queryRunner.query(`DROP TABLE "audit"."webhook"`);
  }
}
