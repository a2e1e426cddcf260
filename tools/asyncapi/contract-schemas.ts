import {
  API_SCOPES,
  ATTEMPT_OUTCOMES,
  DELIVERY_STATUSES,
  RETRY_PRESETS,
  type ApiKeyRecord,
  type AttemptEvent,
  type DeliveredPayload,
  type DeliveryCommand,
  type DeliveryTask,
  type EndpointSignal,
  type JSONSchema,
  type RetryPolicy,
  type SecretRef,
  type WebhookState,
} from '@hookline/contracts';
import {
  boolean,
  instant,
  integer,
  nullable,
  objectSchema,
  oneOfValues,
  ref,
  string,
  stringMap,
} from './object-schema';

/** The schemas of the contracts written as interfaces; the envelope's comes from its DTO. */
export function contractSchemas(): Record<string, JSONSchema> {
  return {
    DeliveredPayload: objectSchema<DeliveredPayload>('The body a receiver got (Standard Webhooks).', {
      id: string('The event id, also the `webhook-id` header.'),
      type: string(),
      timestamp: instant(),
      data: { type: 'object' },
    }),
    AttemptEvent: objectSchema<AttemptEvent>(
      'One HTTP attempt; `attemptId` is unique per real attempt and consumers deduplicate by it.',
      {
        attemptId: string(),
        deliveryId: string(),
        eventId: string(),
        eventType: string(),
        organizationId: string(),
        webhookId: string(),
        subject: string(),
        url: string(),
        attempt: integer('1 for the first attempt of the delivery.'),
        startedAt: instant(),
        durationMs: integer(),
        requestHeaders: stringMap('As sent, with credentials and signatures redacted.'),
        responseStatus: nullable(integer()),
        responseHeaders: nullable(stringMap()),
        responseBody: nullable(string('At most 64 KiB.')),
        responseBodyTruncated: boolean(),
        outcome: oneOfValues(ATTEMPT_OUTCOMES),
        error: nullable(string()),
        deliveryStatus: oneOfValues(DELIVERY_STATUSES, "The delivery's status after this attempt."),
        nextAttemptAt: nullable(instant()),
        eventOccurredAt: instant(),
        payload: ref('DeliveredPayload'),
      },
    ),
    RetryPolicy: objectSchema<RetryPolicy>(
      'A named retry schedule; `custom` carries its own delays.',
      {
        preset: oneOfValues(RETRY_PRESETS),
        delaysSeconds: { type: 'array', items: { type: 'integer' } },
      },
      ['delaysSeconds'],
    ),
    SecretRef: objectSchema<SecretRef>('A signing secret, encrypted with the platform key.', {
      encrypted: string(),
      expiresAt: nullable(instant('Set on a rotated-out secret still signed with until then.')),
    }),
    WebhookState: objectSchema<WebhookState>(
      'The whole state delivery needs for one webhook; credentials stay encrypted.',
      {
        id: string(),
        organizationId: string(),
        url: string(),
        events: { type: 'array', items: string('An exact type, `resource.*` or `*`.') },
        active: boolean(),
        auth: {
          oneOf: [
            closed({ type: { const: 'none' } }),
            closed({ type: { const: 'basic' }, username: string(), encryptedPassword: string() }),
            closed({ type: { const: 'bearer' }, encryptedToken: string() }),
          ],
        },
        encryptedHeaders: stringMap(
          'Custom request headers: names in clear, each value sealed like the credentials.',
        ),
        headers: stringMap(
          'Custom request headers in clear, as states published before their values were sealed carry them; never written any more.',
        ),
        retryPolicy: ref('RetryPolicy'),
        timeoutSeconds: integer(),
        signatureScheme: {
          oneOf: [
            closed({ type: { const: 'standard-webhooks' } }),
            closed({ type: { const: 'hmac-sha256-hex' }, header: string() }),
          ],
        },
        secrets: { type: 'array', items: ref('SecretRef') },
        ordered: boolean('Deliveries of one subject arrive in acceptance order.'),
        rateLimitPerSecond: nullable(integer()),
        maxConcurrency: nullable(integer()),
        version: integer('Monotonic per webhook; a consumer ignores an older state.'),
        updatedAt: instant(),
      },
      ['headers'],
    ),
    ApiKeyRecord: objectSchema<ApiKeyRecord>('An API key as every service authenticates it.', {
      id: string(),
      organizationId: string(),
      hash: string('sha256 hex of the full key; the key itself never travels.'),
      scopes: { type: 'array', items: oneOfValues(API_SCOPES) },
      revokedAt: nullable(instant()),
    }),
    DeliveryTask: objectSchema<DeliveryTask>(
      'One event to one webhook, waiting for its next attempt.',
      {
        deliveryId: string(),
        webhookId: string(),
        event: ref('EventEnvelope'),
        attempt: integer('Number the next attempt will carry.'),
        dueAt: instant('Not before this instant.'),
        reason: oneOfValues(['deliver', 'retry', 'redeliver']),
        failingSince: nullable(instant("Start of the webhook's current failure streak.")),
      },
      ['failingSince'],
    ),
    EndpointSignal: objectSchema<EndpointSignal>("Delivery's word about an endpoint.", {
      kind: { const: 'disable' },
      webhookId: string(),
      organizationId: string(),
      reason: oneOfValues(['gone', 'failing']),
      detail: string(),
      at: instant(),
    }),
    DeliveryCommand: objectSchema<DeliveryCommand>(
      'A manual redelivery: audit-projection holds the payload, delivery carries it out.',
      {
        kind: { const: 'redeliver' },
        commandId: string(),
        deliveryId: string(),
        webhookId: string(),
        organizationId: string(),
        event: ref('EventEnvelope'),
        attempt: integer('Number the new attempt carries, after those already logged.'),
        requestedAt: instant(),
      },
    ),
  };
}

function closed(properties: Record<string, JSONSchema>): JSONSchema {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}
