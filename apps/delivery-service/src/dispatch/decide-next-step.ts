import type { AttemptOutcome } from '@hookline/contracts';
import type { AttemptVerdict } from '../attempts/to-attempt-event';

/**
 * What happens to a delivery after an attempt. For now every failure is final; the retry policy
 * (next due time, tier re-queue, give-up) slots in here without touching the attempt itself.
 */
export function decideNextStep(outcome: AttemptOutcome): AttemptVerdict {
  if (outcome === 'success') return { deliveryStatus: 'succeeded', nextAttemptAt: null };
  if (outcome === 'expired') return { deliveryStatus: 'expired', nextAttemptAt: null };
  return { deliveryStatus: 'failed', nextAttemptAt: null };
}
