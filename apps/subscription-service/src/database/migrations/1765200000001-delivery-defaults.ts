import { sqlMigration } from '@hookline/platform';

/** An organization's own retry schedule and TTL per event type; the primary key serves its lookups. */
export const DeliveryDefaults1765200000001 = sqlMigration('DeliveryDefaults1765200000001', {
  up: [
    `
      CREATE TABLE "subscription"."delivery_defaults" (
        "organization_id" text NOT NULL,
        "event_type" text NOT NULL,
        "retry_policy" jsonb,
        "ttl_seconds" integer,
        "version" integer NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "delivery_defaults_pkey" PRIMARY KEY ("organization_id", "event_type"),
        CONSTRAINT "delivery_defaults_organization_id_fkey" FOREIGN KEY ("organization_id")
          REFERENCES "subscription"."organization" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION
      )`,
  ],
  down: [`DROP TABLE "subscription"."delivery_defaults"`],
});
