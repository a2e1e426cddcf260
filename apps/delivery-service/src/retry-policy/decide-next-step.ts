import type { AttemptOutcome, DeliveryStatus, RetryPolicy } from '@hookline/contracts';
import { assertNever } from '@hookline/platform';
import { stableRandom } from '../common/stable-random';
import { parseRetryAfter } from './parse-retry-after';
import { retryDelayMs } from './retry-delay';

/** `scheduled` deliveries follow the webhook's retry policy; a `manual` redelivery is one attempt. */
export type DeliveryMode = 'scheduled' | 'manual';

export interface NextStepInput {
  deliveryId: string;
  /** Number of the attempt just made. */
  attempt: number;
  outcome: AttemptOutcome;
  responseStatus: number | null;
  responseHeaders: Readonly<Record<string, string>> | null;
  policy: RetryPolicy;
  mode: DeliveryMode;
  nowMs: number;
  /** The event's effective expiry, or null. */
  expiresAtMs: number | null;
  /** Upper bound of the postponement a `Retry-After` may ask for. */
  maxRetryAfterMs: number;
}

export type NextStep =
  | { kind: 'succeeded' }
  | { kind: 'expired' }
  | { kind: 'gave-up'; reason: 'exhausted' | 'gone' | 'single-attempt' }
  | { kind: 'retry'; dueAtMs: number };

const HONOURS_RETRY_AFTER = new Set([429, 503]);

/**
 * What happens after an attempt. Success is 2xx only; 410 Gone stops at once (the webhook is
 * being disabled). A `Retry-After` on 429/503 may postpone the scheduled retry (never advance it),
 * by at most `maxRetryAfterMs`. A retry that would fall after the event's expiry is due at the
 * expiry instead, where it ends the delivery as `expired` without a request.
 */
export function decideNextStep(input: NextStepInput): NextStep {
  switch (input.outcome) {
    case 'success':
      return { kind: 'succeeded' };
    case 'expired':
      return { kind: 'expired' };
    case 'http_3xx':
    case 'http_4xx':
    case 'http_5xx':
    case 'timeout':
    case 'dns':
    case 'tls':
    case 'connection_refused':
    case 'connection_reset':
    case 'network':
    case 'blocked':
    // The token endpoint failed; like an endpoint that failed, it may well work on the next attempt.
    case 'auth_failed':
    // Not an outcome delivery-service sees (the log records it for a request cut short); retried.
    case 'interrupted':
      break;
    default:
      return assertNever(input.outcome, 'attempt outcome');
  }
  if (input.responseStatus === 410) {
    return { kind: 'gave-up', reason: 'gone' };
  }
  if (input.mode === 'manual') {
    return { kind: 'gave-up', reason: 'single-attempt' };
  }
  const scheduled = retryDelayMs(input.policy, input.attempt, stableRandom(input.deliveryId, input.attempt));
  if (scheduled === null) {
    return { kind: 'gave-up', reason: 'exhausted' };
  }
  let delayMs = scheduled;
  if (input.responseStatus !== null && HONOURS_RETRY_AFTER.has(input.responseStatus)) {
    const asked = parseRetryAfter(retryAfterHeader(input.responseHeaders), input.nowMs);
    if (asked !== null) {
      delayMs = Math.max(delayMs, Math.min(asked, input.maxRetryAfterMs));
    }
  }
  const dueAtMs = input.nowMs + delayMs;
  return {
    kind: 'retry',
    dueAtMs: input.expiresAtMs !== null ? Math.min(dueAtMs, input.expiresAtMs) : dueAtMs,
  };
}

/** The delivery status an attempt event carries after each kind of step. */
const DELIVERY_STATUS_AFTER: Readonly<Record<NextStep['kind'], DeliveryStatus>> = {
  succeeded: 'succeeded',
  expired: 'expired',
  'gave-up': 'failed',
  retry: 'retrying',
};

export function deliveryStatusOf(step: NextStep): DeliveryStatus {
  return DELIVERY_STATUS_AFTER[step.kind];
}

function retryAfterHeader(headers: Readonly<Record<string, string>> | null): string | undefined {
  if (headers === null) {
    return undefined;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'retry-after') {
      return value;
    }
  }
  return undefined;
}
