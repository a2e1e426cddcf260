import type { DeliveredPayload, DeliveryRef } from './attempt-event';

/** Why a delivery waits without being attempted. */
export const HOLD_REASONS = [
  /** The endpoint's circuit breaker is open: no request goes out until its cool-down ends. */
  'circuit_open',
] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/**
 * A value of `hookline.attempts.v1` (key = delivery id): an attempt is held back, not made, and
 * comes back at `nextAttemptAt`. The delivery log shows the delivery as `retrying` with the reason,
 * including a delivery whose first attempt is held and so has no attempt yet.
 */
export interface DeliveryHeld extends DeliveryRef {
  /** The attempt that is held: the next one the delivery will make. */
  attempt: number;
  heldAt: string;
  reason: HoldReason;
  nextAttemptAt: string;
  eventOccurredAt: string;
  payload: DeliveredPayload;
}

export const DELIVERY_HELD_SCHEMA = 'delivery-held.v1';
