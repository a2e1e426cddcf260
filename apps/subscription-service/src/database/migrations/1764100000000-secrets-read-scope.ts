import { sqlMigration } from '@hookline/platform';

/**
 * Reading a signing secret now takes `secrets:read`. Keys that hold both webhooks scopes get it: they
 * could already rotate the secret and read the new one, so nothing is granted that they lacked, and
 * their integrations keep working. Read-only keys lose secret access, which was the hole. Every changed
 * key is announced on `hookline.api-keys.v1` through the outbox, as the API would.
 */
export const SecretsReadScope1764100000000 = sqlMigration('SecretsReadScope1764100000000', {
  up: [
    `
      WITH granted AS (
        UPDATE "subscription"."api_key"
           SET "scopes" = array_append("scopes", 'secrets:read')
         WHERE "scopes" @> ARRAY['webhooks:read', 'webhooks:write']::text[]
           AND NOT "scopes" @> ARRAY['secrets:read']::text[]
        RETURNING "id", "organization_id", "hash", "scopes", "revoked_at"
      )
      INSERT INTO "subscription"."outbox" ("topic", "key", "payload", "headers")
      SELECT 'hookline.api-keys.v1', "id",
             jsonb_build_object(
               'id', "id",
               'organizationId', "organization_id",
               'hash', "hash",
               'scopes', to_jsonb("scopes"),
               'revokedAt', to_char("revoked_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
             ),
             '{"hookline-schema": "api-key-record.v1"}'::jsonb
        FROM granted
       ORDER BY "id"`,
  ],
  down: [`UPDATE "subscription"."api_key" SET "scopes" = array_remove("scopes", 'secrets:read')`],
});
