import type { FailureStreak } from '@hookline/kafka';
import { Gauge, type Registry } from 'prom-client';
import type { ReadinessCheck } from '../health/readiness-check';

export interface FailureStreakSource {
  readonly failureStreak: FailureStreak | null;
}

/** How long a consumer may fail without one batch succeeding before readiness says so. */
export const CONSUMER_STALL_MS = 30_000;

/**
 * `/health/ready` fails while `consumer` has failed for `stallMs` with no batch handled: a
 * consumer in a crash loop or stuck on one partition no longer hides behind reachable brokers.
 */
export function consumerReadiness(
  name: string,
  consumer: FailureStreakSource,
  stallMs = CONSUMER_STALL_MS,
): ReadinessCheck {
  return {
    name,
    async check(): Promise<void> {
      const streak = consumer.failureStreak;
      if (streak === null) {
        return;
      }
      const seconds = Math.round((Date.now() - streak.since) / 1000);
      if (Date.now() - streak.since >= stallMs) {
        throw new Error(`not advancing for ${seconds} s (${streak.failures} failures): ${streak.lastError}`);
      }
    },
  };
}

const FAILING_SECONDS = 'hookline_consumer_failing_seconds';
const sourcesByRegistry = new WeakMap<Registry, Map<string, FailureStreakSource>>();

/**
 * `hookline_consumer_failing_seconds{consumer}`: how long the consumer has failed without one
 * batch succeeding, 0 while it advances. One gauge per registry serves every consumer of a service.
 */
export function trackConsumerFailures(registry: Registry, name: string, consumer: FailureStreakSource): void {
  let sources = sourcesByRegistry.get(registry);
  if (!sources) {
    const tracked = new Map<string, FailureStreakSource>();
    sources = tracked;
    sourcesByRegistry.set(registry, tracked);
    new Gauge({
      name: FAILING_SECONDS,
      help: 'Seconds a consumer has been failing (a partition or the whole consumer) without a batch succeeding; 0 while it advances',
      labelNames: ['consumer'],
      registers: [registry],
      collect() {
        for (const [consumerName, source] of tracked) {
          const streak = source.failureStreak;
          this.set({ consumer: consumerName }, streak === null ? 0 : (Date.now() - streak.since) / 1000);
        }
      },
    });
  }
  sources.set(name, consumer);
}
