/** Kafka header names Hookline reads or writes. */
export const KafkaHeaders = {
  /** Event type of a domain message; lets consumers route without parsing the value. */
  eventType: 'hookline-event-type',
  /** Set on DLQ messages: why the message was refused. */
  dlqReason: 'hookline-dlq-reason',
  dlqSourceTopic: 'hookline-dlq-source-topic',
  dlqSourcePartition: 'hookline-dlq-source-partition',
  dlqSourceOffset: 'hookline-dlq-source-offset',
  dlqConsumer: 'hookline-dlq-consumer',
  /** Schema name of a message value, e.g. `attempt.v1`. */
  schema: 'hookline-schema',
} as const;

/** HTTP headers of a delivery request, per Standard Webhooks. */
export const WebhookHeaders = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
  contentType: 'content-type',
  userAgent: 'user-agent',
  /**
   * The attempt's id in the delivery log (`att_…`), new on every request, so a receiver can name
   * the exact request when it asks about one. Not signed: it identifies, it does not authenticate.
   */
  attemptId: 'hookline-attempt-id',
} as const;

/**
 * `hmac-sha256-hex` carries one digest in its configured header (by the current secret); during a
 * rotation's grace period, the digests by the older secrets go in the header of the same name with
 * this suffix, comma-separated, newest first.
 */
export const PREVIOUS_SIGNATURES_HEADER_SUFFIX = '-previous';
