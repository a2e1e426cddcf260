import type { RetryPolicy } from './retry-policy';

/**
 * The value of `hookline.delivery-defaults.v1` (key = `deliveryDefaultsKey`): an organization's own
 * defaults for one event type, over the catalog's. A tombstone removes them.
 */
export interface DeliveryDefaults {
  organizationId: string;
  eventType: string;
  /** The schedule of the organization's webhooks that set none; null: the catalog's (else `standard`). */
  retryPolicy: RetryPolicy | null;
  /** Seconds after `occurredAt` after which no attempt is made; null: the catalog's TTL (else none). */
  ttlSeconds: number | null;
  /** Monotonic per key; a consumer ignores an older value than the one it holds. */
  version: number;
  updatedAt: string;
}

/** Bounds of an organization's TTL: at least a minute, at most the longest custom schedule (7 days). */
export const DELIVERY_DEFAULTS_LIMITS = { minTtlSeconds: 60, maxTtlSeconds: 7 * 24 * 3600 } as const;

export function deliveryDefaultsKey(organizationId: string, eventType: string): string {
  return `${organizationId}:${eventType}`;
}
