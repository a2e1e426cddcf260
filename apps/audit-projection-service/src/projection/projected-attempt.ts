import type { AttemptEvent, DeliveredPayload } from '@hookline/contracts';

/**
 * An attempt as the projection stores it: an attempt event, or an attempt whose outcome never
 * came (`interrupted`), which carries no payload because its start did not.
 */
export type ProjectedAttempt = Omit<AttemptEvent, 'payload'> & { payload: DeliveredPayload | null };

/** Why an interrupted attempt has no outcome, as the log shows it. */
export const INTERRUPTED_ERROR =
  'no outcome was recorded: delivery-service stopped during this request, which the receiver may or may not have got; the attempt is made again';
