import { sqlMigration } from '@hookline/platform';

/**
 * Hourly rollups maintained by the projection, the SQL helpers that read their latency
 * histograms, and the indexes that list, recovery and retention queries need.
 */
export const StatsAndRetention1763900000000 = sqlMigration('StatsAndRetention1763900000000', {
  up: [
    `
      CREATE TABLE "audit"."stats_hourly" (
        "organization_id" text NOT NULL,
        "bucket_start" timestamptz NOT NULL,
        "webhook_id" text NOT NULL,
        "event_type" text NOT NULL,
        "attempts" bigint NOT NULL,
        "outcome_success" bigint NOT NULL,
        "outcome_http_3xx" bigint NOT NULL,
        "outcome_http_4xx" bigint NOT NULL,
        "outcome_http_5xx" bigint NOT NULL,
        "outcome_timeout" bigint NOT NULL,
        "outcome_dns" bigint NOT NULL,
        "outcome_tls" bigint NOT NULL,
        "outcome_connection_refused" bigint NOT NULL,
        "outcome_connection_reset" bigint NOT NULL,
        "outcome_network" bigint NOT NULL,
        "outcome_blocked" bigint NOT NULL,
        "outcome_expired" bigint NOT NULL,
        "deliveries_started" bigint NOT NULL,
        "deliveries_succeeded" bigint NOT NULL,
        "deliveries_failed" bigint NOT NULL,
        "deliveries_expired" bigint NOT NULL,
        "latency_count" bigint NOT NULL,
        "latency_sum_ms" bigint NOT NULL,
        "latency_max_ms" integer NULL,
        "latency_histogram" bigint[] NOT NULL,
        CONSTRAINT "stats_hourly_pkey" PRIMARY KEY ("organization_id", "bucket_start", "webhook_id", "event_type")
      )`,
    `CREATE INDEX "stats_hourly_webhook_idx" ON "audit"."stats_hourly" ("webhook_id", "bucket_start")`,
    `CREATE INDEX "stats_hourly_event_type_idx" ON "audit"."stats_hourly" ("organization_id", "event_type", "bucket_start")`,
    `CREATE INDEX "stats_hourly_bucket_idx" ON "audit"."stats_hourly" ("bucket_start")`,

    // Element-wise sum of two histograms of the same layout.
    `
      CREATE FUNCTION "audit"."histogram_add"(a bigint[], b bigint[]) RETURNS bigint[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT array_agg(COALESCE(x, 0) + COALESCE(y, 0) ORDER BY i)
        FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)
      $$`,
    `
      CREATE AGGREGATE "audit"."histogram_sum"(bigint[]) (
        SFUNC = "audit"."histogram_add",
        STYPE = bigint[],
        COMBINEFUNC = "audit"."histogram_add",
        PARALLEL = SAFE
      )`,
    // Nearest-rank percentile: the largest whole millisecond of the bucket holding the rank,
    // capped by the largest latency seen. Buckets: 0 = 0–1 ms, i = (2^((i-1)/8), 2^(i/8)] ms,
    // 137 = above 2^17 ms (reported as max_ms).
    `
      CREATE FUNCTION "audit"."latency_percentile"(histogram bigint[], quantile numeric, max_ms integer)
      RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT LEAST(
          max_ms,
          CASE
            WHEN c.bucket = 0 THEN 1
            WHEN c.bucket > 136 THEN max_ms
            ELSE floor(power(2::double precision, c.bucket / 8.0::double precision))::integer
          END)
        FROM (
          SELECT (h.i - 1)::integer AS bucket,
            sum(h.n) OVER (ORDER BY h.i) AS cumulative,
            sum(h.n) OVER () AS total
          FROM unnest(histogram) WITH ORDINALITY AS h(n, i)
        ) c
        WHERE c.total > 0 AND c.cumulative >= GREATEST(1, ceil(quantile * c.total))
        ORDER BY c.bucket
        LIMIT 1
      $$`,

    // The log history list filters on these columns inside the index, so it can run index-only.
    `CREATE INDEX "delivery_webhook_list_idx" ON "audit"."delivery" ("webhook_id", "created_at" DESC, "id" DESC)
       INCLUDE ("organization_id", "status", "event_type")`,
    `DROP INDEX "audit"."delivery_webhook_created_idx"`,
    `CREATE INDEX "delivery_webhook_failed_idx" ON "audit"."delivery" ("webhook_id", "created_at", "id")
       WHERE "status" = 'failed'`,
    `CREATE INDEX "delivery_updated_idx" ON "audit"."delivery" ("updated_at")`,
    `CREATE INDEX "payload_occurred_idx" ON "audit"."payload" ("occurred_at")`,
  ],
  down: [
    `DROP INDEX "audit"."payload_occurred_idx"`,
    `DROP INDEX "audit"."delivery_updated_idx"`,
    `DROP INDEX "audit"."delivery_webhook_failed_idx"`,
    `CREATE INDEX "delivery_webhook_created_idx" ON "audit"."delivery" ("webhook_id", "created_at" DESC, "id" DESC)`,
    `DROP INDEX "audit"."delivery_webhook_list_idx"`,
    `DROP FUNCTION "audit"."latency_percentile"(bigint[], numeric, integer)`,
    `DROP AGGREGATE "audit"."histogram_sum"(bigint[])`,
    `DROP FUNCTION "audit"."histogram_add"(bigint[], bigint[])`,
    `DROP TABLE "audit"."stats_hourly"`,
  ],
});
