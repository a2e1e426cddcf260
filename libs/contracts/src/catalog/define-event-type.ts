import { RETRY_POLICY_LIMITS, type RetryPolicy } from '../retry-policy';
import type { EventOrigin, EventTypeDefinition } from './event-type-definition';

/** The input of `defineEventType`: the example is type-checked against the data class. */
export interface EventTypeSpec<T extends object> {
  readonly type: string;
  readonly resource: string;
  readonly description: string;
  readonly dataClass: new () => T;
  readonly example: NoInfer<T>;
  readonly defaultTtlSeconds?: number;
  readonly defaultRetryPolicy?: RetryPolicy;
  readonly origin?: EventOrigin;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
}

/** A catalog default is held to the bounds a webhook's own custom schedule is: a mistake fails at load, not at delivery. */
function assertWithinRetryLimits(type: string, policy: RetryPolicy | undefined): void {
  if (policy === undefined) {
    return;
  }
  const { maxRetries, minDelaySeconds, maxDelaySeconds } = RETRY_POLICY_LIMITS;
  const delays = policy.delaysSeconds;
  const valid =
    policy.preset === 'custom'
      ? delays !== undefined &&
        delays.length >= 1 &&
        delays.length <= maxRetries &&
        delays.every(
          (delay) => Number.isInteger(delay) && delay >= minDelaySeconds && delay <= maxDelaySeconds,
        )
      : delays === undefined;
  if (!valid) {
    throw new Error(
      `${type}: defaultRetryPolicy must be a named preset, or custom with 1 to ${maxRetries} whole delays of ${minDelaySeconds} to ${maxDelaySeconds} s`,
    );
  }
}

/** Builds a catalog entry whose example is checked by the compiler against its DTO; the entry is deeply frozen. */
export function defineEventType<T extends object>(spec: EventTypeSpec<T>): EventTypeDefinition {
  assertWithinRetryLimits(spec.type, spec.defaultRetryPolicy);
  const example: Record<string, unknown> = Object.fromEntries(Object.entries(structuredClone(spec.example)));
  return deepFreeze({ ...spec, origin: spec.origin ?? 'product', example });
}
