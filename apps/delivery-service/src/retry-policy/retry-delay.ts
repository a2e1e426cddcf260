import { RETRY_POLICY_LIMITS, type RetryPolicy } from '@hookline/contracts';
import { assertNever } from '@hookline/platform';

/** `standard`, the default: 5s, 5m, 30m, 2h, 5h, 10h, 10h, each ±20%, about 27 hours in all. */
export const STANDARD_DELAYS_SECONDS = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000] as const;
export const STANDARD_JITTER = 0.2;
/** `short`: retries after 5 and 10 minutes, then stop (3 attempts in all), with no jitter. */
export const SHORT_DELAYS_SECONDS = [300, 600] as const;
/** `jittered`: 5 retries at increasing random intervals within 0–10 minutes, so receivers are not hit in step. */
export const JITTERED_RETRIES = 5;
export const JITTERED_MAX_SECONDS = 600;

/**
 * Delay before retry number `retry` (1 = the retry after the first attempt), or null when the
 * policy has no such retry. `random` is a draw in [0, 1) (see `stableRandom`).
 *
 * `jittered` splits 0–10 min into 5 equal bands and draws retry n inside band n, so intervals are
 * random yet never shrink. Custom schedules are exact: the customer chose those numbers.
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, random: number): number | null {
  if (!Number.isInteger(retry) || retry < 1) {
    return null;
  }
  switch (policy.preset) {
    case 'standard': {
      const base = STANDARD_DELAYS_SECONDS[retry - 1];
      if (base === undefined) {
        return null;
      }
      return Math.round(base * 1_000 * (1 + STANDARD_JITTER * (2 * random - 1)));
    }
    case 'short': {
      const base = SHORT_DELAYS_SECONDS[retry - 1];
      return base === undefined ? null : base * 1_000;
    }
    case 'jittered': {
      if (retry > JITTERED_RETRIES) {
        return null;
      }
      const band = JITTERED_MAX_SECONDS / JITTERED_RETRIES;
      const seconds = (retry - 1 + random) * band;
      return Math.max(RETRY_POLICY_LIMITS.minDelaySeconds * 1_000, Math.round(seconds * 1_000));
    }
    case 'none':
      return null;
    case 'custom': {
      const seconds = policy.delaysSeconds?.[retry - 1];
      if (seconds === undefined || !Number.isFinite(seconds)) {
        return null;
      }
      const bounded = Math.min(
        Math.max(seconds, RETRY_POLICY_LIMITS.minDelaySeconds),
        RETRY_POLICY_LIMITS.maxDelaySeconds,
      );
      return Math.round(bounded * 1_000);
    }
    default:
      return assertNever(policy.preset, 'retry preset');
  }
}
