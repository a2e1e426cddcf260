import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '@hookline/contracts';

/** Column of `audit.stats_hourly` that counts attempts of each outcome; a new outcome needs a migration. */
export const OUTCOME_COLUMNS: Readonly<Record<AttemptOutcome, string>> = {
  success: 'outcome_success',
  http_3xx: 'outcome_http_3xx',
  http_4xx: 'outcome_http_4xx',
  http_5xx: 'outcome_http_5xx',
  timeout: 'outcome_timeout',
  dns: 'outcome_dns',
  tls: 'outcome_tls',
  connection_refused: 'outcome_connection_refused',
  connection_reset: 'outcome_connection_reset',
  network: 'outcome_network',
  blocked: 'outcome_blocked',
  expired: 'outcome_expired',
  auth_failed: 'outcome_auth_failed',
  interrupted: 'outcome_interrupted',
};

/** Outcomes of attempts that never made a request: their duration says nothing about the endpoint. */
export const OUTCOMES_WITHOUT_LATENCY: ReadonlySet<AttemptOutcome> = new Set([
  'expired',
  'blocked',
  // Only the token endpoint was called; the endpoint was not.
  'auth_failed',
  // Its duration is unknown: the process timing it stopped.
  'interrupted',
]);

/** The additive counters of a rollup row: the projection adds to them, queries sum them. */
export const COUNTER_COLUMNS: readonly string[] = [
  'attempts',
  ...ATTEMPT_OUTCOMES.map((outcome) => OUTCOME_COLUMNS[outcome]),
  'deliveries_started',
  'deliveries_succeeded',
  'deliveries_failed',
  'deliveries_expired',
  'latency_count',
  'latency_sum_ms',
];

/** What a rollup row counts (`COUNTER_COLUMNS`, as numbers) and its longest latency. */
export interface StatsCounters {
  attempts: number;
  outcomes: Record<AttemptOutcome, number>;
  /** First attempts: deliveries that began. */
  deliveriesStarted: number;
  /** Attempts that left their delivery succeeded, failed or expired. */
  deliveriesSucceeded: number;
  deliveriesFailed: number;
  deliveriesExpired: number;
  latencyCount: number;
  latencySumMs: number;
  latencyMaxMs: number | null;
}
