import type { RetryPolicy } from '../retry-policy';

/** A class whose instances hold the `data` of one event type; decorated with class-validator. */
export type DataClass = new () => object;

/**
 * Who emits events of a type: `product` services (through ingest or the domain topics), or
 * Hookline itself (`platform`: tests and operational signals), which ingest must refuse from callers.
 */
export type EventOrigin = 'product' | 'platform';

/** One entry of the event catalog: everything a producer, a receiver and the API need to know. */
export interface EventTypeDefinition {
  /** `<resource>.<action>`, e.g. `job.status_changed`. */
  readonly type: string;
  /** The resource part of the type; also names the domain topic `domain.<resource>.v1`. */
  readonly resource: string;
  readonly description: string;
  readonly dataClass: DataClass;
  /** A realistic `data` payload that validates against `dataClass`. */
  readonly example: Record<string, unknown>;
  /** Default time-to-live in seconds after `occurredAt`; no attempt is made after it. */
  readonly defaultTtlSeconds?: number;
  /** Retry schedule of the webhooks that set none (`retryPolicy: null`); absent means the platform default. */
  readonly defaultRetryPolicy?: RetryPolicy;
  /** Who emits it; absent means `product`. */
  readonly origin?: EventOrigin;
}
