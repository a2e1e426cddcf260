import { sqlMigration } from '@hookline/platform';
import { createViewSql } from '../analytics-views';

/**
 * The analytics contract: views whose columns are a stable interface (docs/analytics.md).
 * Tables may change; a view keeps its columns, and a breaking change gets a new `_v2` view.
 */
export const AnalyticsViews1763900000001 = sqlMigration('AnalyticsViews1763900000001', {
  up: [createViewSql('v_deliveries', 1), createViewSql('v_attempts', 1), createViewSql('v_stats_hourly', 1)],
  down: [
    `DROP VIEW "audit"."v_stats_hourly"`,
    `DROP VIEW "audit"."v_attempts"`,
    `DROP VIEW "audit"."v_deliveries"`,
  ],
});
