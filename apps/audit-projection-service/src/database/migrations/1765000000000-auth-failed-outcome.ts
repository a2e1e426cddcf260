import { sqlMigration } from '@hookline/platform';
import { replaceViewSql } from '../analytics-views';

/**
 * The `auth_failed` outcome (a webhook's OAuth2 token endpoint gave no usable token): the hourly
 * rollups count it, and `v_stats_hourly` gains the column at its end.
 */
export const AuthFailedOutcome1765000000000 = sqlMigration('AuthFailedOutcome1765000000000', {
  up: [
    `ALTER TABLE "audit"."stats_hourly" ADD COLUMN "outcome_auth_failed" bigint NOT NULL DEFAULT 0`,
    replaceViewSql('v_stats_hourly', 3),
  ],
  down: [
    // A view cannot lose a column in place: drop it, then create it as it was.
    `DROP VIEW "audit"."v_stats_hourly"`,
    replaceViewSql('v_stats_hourly', 2),
    `ALTER TABLE "audit"."stats_hourly" DROP COLUMN "outcome_auth_failed"`,
  ],
});
