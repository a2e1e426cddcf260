/** The named retry schedules (their delays are in docs/delivery.md); `custom` carries its own list of delays. */
export const RETRY_PRESETS = ['standard', 'short', 'jittered', 'none', 'custom'] as const;
export type RetryPreset = (typeof RETRY_PRESETS)[number];

export interface RetryPolicy {
  preset: RetryPreset;
  /** Only for `custom`: delay in seconds before each retry, in order. */
  delaysSeconds?: number[];
}

/** The platform default: the schedule of a webhook that sets none, for an event type whose catalog entry sets none. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { preset: 'standard' };

/** Bounds of a custom schedule. */
export const RETRY_POLICY_LIMITS = {
  maxRetries: 20,
  minDelaySeconds: 1,
  maxDelaySeconds: 7 * 24 * 3600,
} as const;
