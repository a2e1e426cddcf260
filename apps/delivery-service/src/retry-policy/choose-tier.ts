import { RETRY_TIERS, retryTopic, type RetryTierName } from '@hookline/contracts';

export type RetryTier = (typeof RETRY_TIERS)[number];

/**
 * The tier a task waits on: the longest whose delay is not past the time left until it is due,
 * or the shortest when none fits. A task hops down the tiers until it is due.
 */
export function chooseTier(remainingMs: number): RetryTier {
  let chosen: RetryTier = RETRY_TIERS[0];
  for (const tier of RETRY_TIERS) {
    if (tier.delayMs <= remainingMs) {
      chosen = tier;
    }
  }
  return chosen;
}

const TIERS_BY_TOPIC = new Map<string, RetryTier>(RETRY_TIERS.map((tier) => [retryTopic(tier.name), tier]));

export const RETRY_TIER_TOPICS: readonly string[] = RETRY_TIERS.map((tier) => retryTopic(tier.name));

export function tierOfTopic(topic: string): RetryTier | null {
  return TIERS_BY_TOPIC.get(topic) ?? null;
}

export function topicOfTier(name: RetryTierName): string {
  return retryTopic(name);
}

/** A task read from a tier is held until it is due or has waited the tier's delay, whichever is first. */
export function holdUntil(dueAtMs: number, messageTimestampMs: number, tier: RetryTier): number {
  return Math.min(dueAtMs, messageTimestampMs + tier.delayMs);
}
