/**
 * The analytics contract: views whose columns are a stable interface (docs/analytics.md). Tables may
 * change; a view keeps its columns, and a breaking change gets a new `_v2` view.
 *
 * Each view is listed by revision: a revision only appends columns at the end (what `CREATE OR REPLACE
 * VIEW` allows), so revision n has the columns of revisions 1..n. A migration that shipped names the
 * revision it created, so the SQL it runs stays what it ran when it was applied.
 */
const ANALYTICS_VIEWS = {
  v_deliveries: {
    from: '"audit"."delivery" d',
    revisions: [
      [
        'd.id AS delivery_id',
        'd.organization_id',
        'd.webhook_id',
        'd.event_id',
        'd.event_type',
        'd.subject',
        'd.url',
        'd.status',
        "d.status IN ('succeeded', 'failed', 'expired') AS is_finished",
        'd.attempt_count',
        'd.last_response_status',
        'd.last_outcome',
        'd.last_attempt_at',
        'd.next_attempt_at',
        'd.event_occurred_at',
        'd.created_at',
        'd.updated_at',
      ],
      ['d.held_reason'],
    ],
  },
  v_attempts: {
    from: '"audit"."attempt" a\n      JOIN "audit"."delivery" d ON d.id = a.delivery_id',
    revisions: [
      [
        'a.id AS attempt_id',
        'a.delivery_id',
        'a.organization_id',
        'a.webhook_id',
        'd.event_id',
        'a.event_type',
        'a.url',
        'a.attempt_number',
        'a.started_at',
        "a.started_at + a.duration_ms * interval '1 millisecond' AS finished_at",
        'a.duration_ms',
        'a.response_status',
        'a.response_body_truncated',
        'a.outcome',
        "a.outcome = 'success' AS succeeded",
        'a.error',
        'a.next_attempt_at',
      ],
    ],
  },
  v_stats_hourly: {
    from: '"audit"."stats_hourly" s',
    revisions: [
      [
        's.organization_id',
        's.webhook_id',
        's.event_type',
        's.bucket_start',
        's.attempts',
        's.outcome_success AS succeeded_attempts',
        's.attempts - s.outcome_success AS failed_attempts',
        's.outcome_success',
        's.outcome_http_3xx',
        's.outcome_http_4xx',
        's.outcome_http_5xx',
        's.outcome_timeout',
        's.outcome_dns',
        's.outcome_tls',
        's.outcome_connection_refused',
        's.outcome_connection_reset',
        's.outcome_network',
        's.outcome_blocked',
        's.outcome_expired',
        's.deliveries_started',
        's.deliveries_succeeded',
        's.deliveries_failed',
        's.deliveries_expired',
        's.deliveries_succeeded + s.deliveries_failed + s.deliveries_expired AS deliveries_finished',
        's.deliveries_succeeded::numeric\n' +
          '          / NULLIF(s.deliveries_succeeded + s.deliveries_failed + s.deliveries_expired, 0) AS success_rate',
        's.latency_count',
        's.latency_sum_ms',
        's.latency_sum_ms::numeric / NULLIF(s.latency_count, 0) AS latency_avg_ms',
        's.latency_max_ms',
        '"audit"."latency_percentile"(s.latency_histogram, 0.50, s.latency_max_ms) AS latency_p50_ms',
        '"audit"."latency_percentile"(s.latency_histogram, 0.95, s.latency_max_ms) AS latency_p95_ms',
        '"audit"."latency_percentile"(s.latency_histogram, 0.99, s.latency_max_ms) AS latency_p99_ms',
        's.latency_histogram',
      ],
      ['s.outcome_interrupted'],
      ['s.outcome_auth_failed'],
    ],
  },
} satisfies Record<string, { from: string; revisions: ReadonlyArray<readonly string[]> }>;

export type AnalyticsView = keyof typeof ANALYTICS_VIEWS;

/** `CREATE VIEW` of the view at `revision` (counted from 1). */
export function createViewSql(view: AnalyticsView, revision: number): string {
  return viewSql('CREATE', view, revision);
}

/** `CREATE OR REPLACE VIEW` of the view at `revision` (counted from 1): it may only add columns at the end. */
export function replaceViewSql(view: AnalyticsView, revision: number): string {
  return viewSql('CREATE OR REPLACE', view, revision);
}

function viewSql(command: string, view: AnalyticsView, revision: number): string {
  const { from, revisions } = ANALYTICS_VIEWS[view];
  if (!Number.isInteger(revision) || revision < 1 || revision > revisions.length) {
    throw new Error(`${view} has no revision ${revision}`);
  }
  const columns = revisions.slice(0, revision).flat();
  return `
      ${command} VIEW "audit"."${view}" AS
      SELECT
        ${columns.join(',\n        ')}
      FROM ${from}`;
}
