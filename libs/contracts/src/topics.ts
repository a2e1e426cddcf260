/** Kafka topic names. They are part of the public contract: renaming one is a breaking change. */
export const Topics = {
  /** Compacted; key = webhook id; value = `WebhookState`, tombstone on delete. */
  subscriptions: 'hookline.subscriptions.v1',
  /** Compacted; key = API key id; value = `ApiKeyRecord`, so every service can authenticate keys. */
  apiKeys: 'hookline.api-keys.v1',
  /**
   * Compacted; key = `<organization id>:<event type>`; value = `DeliveryDefaults` (an organization's
   * retry schedule and TTL for one type), tombstone when they are removed.
   */
  deliveryDefaults: 'hookline.delivery-defaults.v1',
  /** Optional fan-out stage; key = webhook id; value = `DeliveryTask`. */
  deliveries: 'hookline.deliveries.v1',
  /** One message per HTTP attempt; key = delivery id; value = `AttemptEvent`. */
  attempts: 'hookline.attempts.v1',
  /** Delivery → subscription: endpoint health signals; key = webhook id; value = `EndpointSignal`. */
  signals: 'hookline.signals.v1',
  /** Audit → delivery: manual redelivery and recovery; key = webhook id; value = `DeliveryCommand`. */
  commands: 'hookline.commands.v1',
  /** Compacted; key = backfill id; value = `BackfillRequest` (desired state), subscription → delivery. */
  backfills: 'hookline.backfills.v1',
  /**
   * Compacted; key = `<backfill id>:<topic>:<partition>`; value = `BackfillProgress`, delivery →
   * subscription (and delivery itself, where a restarted backfill resumes).
   */
  backfillProgress: 'hookline.backfill-progress.v1',
  /** Messages a consumer cannot parse or validate; original key and value, reason in headers. */
  dlq: 'hookline.dlq.v1',
} as const;

export const DOMAIN_TOPIC_PATTERN = /^domain\.([a-z_]+)\.v1$/;

export function domainTopic(resource: string): string {
  return `domain.${resource}.v1`;
}

/** Key of a domain message: events about one subject of one organization keep their order. */
export function domainMessageKey(organizationId: string, subject: string): string {
  return `${organizationId}:${subject}`;
}

/** Delay tiers for retries, shortest first. A retry waits on the longest tier not past its due time. */
export const RETRY_TIERS = [
  { name: '1s', delayMs: 1_000 },
  { name: '5s', delayMs: 5_000 },
  { name: '1m', delayMs: 60_000 },
  { name: '10m', delayMs: 600_000 },
  { name: '1h', delayMs: 3_600_000 },
] as const;

export type RetryTierName = (typeof RETRY_TIERS)[number]['name'];

export function retryTopic(tier: RetryTierName): string {
  return `hookline.retry.${tier}.v1`;
}
