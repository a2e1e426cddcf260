import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `auth_failed` outcome (a webhook's OAuth2 token endpoint gave no usable token): the hourly
 * rollups count it, and `v_stats_hourly` gains the column at its end.
 */
export class AuthFailedOutcome1765000000000 implements MigrationInterface {
  name = 'AuthFailedOutcome1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "audit"."stats_hourly" ADD COLUMN "outcome_auth_failed" bigint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(statsHourlyView(['s.outcome_auth_failed']));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // A view cannot lose a column in place: drop it, then create it as it was.
    await queryRunner.query(`DROP VIEW "audit"."v_stats_hourly"`);
    await queryRunner.query(statsHourlyView([]));
    await queryRunner.query(`ALTER TABLE "audit"."stats_hourly" DROP COLUMN "outcome_auth_failed"`);
  }
}

function statsHourlyView(addedColumns: readonly string[]): string {
  return `
      CREATE OR REPLACE VIEW "audit"."v_stats_hourly" AS
      SELECT
        s.organization_id,
        s.webhook_id,
        s.event_type,
        s.bucket_start,
        s.attempts,
        s.outcome_success AS succeeded_attempts,
        s.attempts - s.outcome_success AS failed_attempts,
        s.outcome_success,
        s.outcome_http_3xx,
        s.outcome_http_4xx,
        s.outcome_http_5xx,
        s.outcome_timeout,
        s.outcome_dns,
        s.outcome_tls,
        s.outcome_connection_refused,
        s.outcome_connection_reset,
        s.outcome_network,
        s.outcome_blocked,
        s.outcome_expired,
        s.deliveries_started,
        s.deliveries_succeeded,
        s.deliveries_failed,
        s.deliveries_expired,
        s.deliveries_succeeded + s.deliveries_failed + s.deliveries_expired AS deliveries_finished,
        s.deliveries_succeeded::numeric
          / NULLIF(s.deliveries_succeeded + s.deliveries_failed + s.deliveries_expired, 0) AS success_rate,
        s.latency_count,
        s.latency_sum_ms,
        s.latency_sum_ms::numeric / NULLIF(s.latency_count, 0) AS latency_avg_ms,
        s.latency_max_ms,
        "audit"."latency_percentile"(s.latency_histogram, 0.50, s.latency_max_ms) AS latency_p50_ms,
        "audit"."latency_percentile"(s.latency_histogram, 0.95, s.latency_max_ms) AS latency_p95_ms,
        "audit"."latency_percentile"(s.latency_histogram, 0.99, s.latency_max_ms) AS latency_p99_ms,
        s.latency_histogram,
        ${['s.outcome_interrupted', ...addedColumns].join(',\n        ')}
      FROM "audit"."stats_hourly" s`;
}
