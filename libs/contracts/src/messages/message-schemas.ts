import { API_SCOPES, type ApiKeyRecord } from '../api-key-record';
import {
  ATTEMPT_OUTCOMES,
  DELIVERY_STATUSES,
  type AttemptEvent,
  type DeliveredPayload,
} from '../attempt-event';
import type { AttemptStart } from '../attempt-start';
import { BACKFILL_STATUSES, type BackfillProgress, type BackfillRequest } from '../backfill';
import type { JSONSchema } from '../catalog/json-schema.type';
import type { DeliveryCommand } from '../delivery-command';
import type { DeliveryDefaults } from '../delivery-defaults';
import { HOLD_REASONS, type DeliveryHeld } from '../delivery-held';
import { DELIVERY_TASK_REASONS, type DeliveryTask } from '../delivery-task';
import { DISABLE_REASONS, type EndpointSignal } from '../endpoint-signal';
import { RETRY_POLICY_LIMITS, RETRY_PRESETS, type RetryPolicy } from '../retry-policy';
import type { EndpointAuth, EndpointTls, SecretRef, SignatureScheme, WebhookState } from '../webhook-state';
import {
  boolean,
  externalId,
  integer,
  isoDate,
  nullable,
  objectSchema,
  oneOfValues,
  ref,
  storedId,
  stringMap,
  taggedUnion,
  text,
  timestamp,
} from './schema-parts';

/** The fields every message of `hookline.attempts.v1` carries about its delivery (`DeliveryRef`). */
const deliveryRef = {
  deliveryId: storedId(),
  eventId: storedId(),
  eventType: storedId(),
  organizationId: storedId(),
  webhookId: storedId(),
  subject: text(),
  url: text('The URL the attempt calls (or the held one would).'),
};

/**
 * The schema of every message that crosses a process, by name. They are the contract: each
 * consumer validates with the validators compiled from them (`validators.ts`), producers' tests
 * check their output with the same validators, and the AsyncAPI document is built from them.
 * `EventEnvelope` stands here as a reference only: envelopes are validated with their event type's
 * catalog DTO (`validateEnvelope`), and the AsyncAPI document takes its schema from that DTO.
 */
export const MESSAGE_SCHEMAS = {
  EventEnvelope: {
    type: 'object',
    description: 'A domain event; validated against the event catalog by `validateEnvelope`.',
  },
  DeliveredPayload: objectSchema<DeliveredPayload>('The body a receiver got (Standard Webhooks).', {
    id: storedId('The event id, also the `webhook-id` header.'),
    type: text(),
    timestamp: isoDate(),
    data: { type: 'object' },
  }),
  AttemptEvent: objectSchema<AttemptEvent>(
    'One HTTP attempt; `attemptId` is unique per real attempt and consumers deduplicate by it.',
    {
      attemptId: storedId(),
      ...deliveryRef,
      attempt: integer(1, '1 for the first attempt of the delivery.'),
      startedAt: timestamp(),
      durationMs: integer(0),
      requestHeaders: stringMap('As sent, with credentials and signatures redacted.'),
      responseStatus: nullable({ type: 'integer', minimum: 100, maximum: 599 }),
      responseHeaders: nullable(stringMap()),
      responseBody: nullable({ type: 'string', description: 'At most 64 KiB.' }),
      responseBodyTruncated: boolean(),
      outcome: oneOfValues(ATTEMPT_OUTCOMES),
      error: nullable({ type: 'string' }),
      deliveryStatus: oneOfValues(DELIVERY_STATUSES, "The delivery's status after this attempt."),
      nextAttemptAt: nullable(timestamp()),
      eventOccurredAt: isoDate(),
      payload: ref('DeliveredPayload'),
      backfillId: nullable(
        storedId('The backfill that replayed the event; null (or absent) for a live delivery.'),
      ),
    },
    ['backfillId'],
  ),
  AttemptStart: objectSchema<AttemptStart>(
    'Written before an attempt’s request goes out; its `AttemptEvent` (same `attemptId`) follows on the same partition. A start without one is logged as an `interrupted` attempt.',
    {
      attemptId: storedId('Also sent as the `hookline-attempt-id` request header.'),
      ...deliveryRef,
      attempt: integer(1, '1 for the first attempt of the delivery.'),
      startedAt: timestamp(),
      requestHeaders: stringMap('As sent, with credentials and signatures redacted.'),
      eventOccurredAt: isoDate(),
    },
  ),
  DeliveryHeld: objectSchema<DeliveryHeld>(
    'An attempt held back (not made) and due again at `nextAttemptAt`; the log shows the delivery as `retrying` with the reason.',
    {
      ...deliveryRef,
      attempt: integer(1, 'The attempt that is held: the next one the delivery makes.'),
      heldAt: timestamp(),
      reason: oneOfValues(HOLD_REASONS),
      nextAttemptAt: timestamp(),
      eventOccurredAt: isoDate(),
      payload: ref('DeliveredPayload'),
    },
  ),
  RetryPolicy: {
    ...objectSchema<RetryPolicy>(
      'A named retry schedule; `custom` carries its own delays.',
      {
        preset: oneOfValues(RETRY_PRESETS),
        delaysSeconds: {
          type: 'array',
          description: 'Only for `custom`: delay in seconds before each retry, in order.',
          minItems: 1,
          maxItems: RETRY_POLICY_LIMITS.maxRetries,
          items: { type: 'number', exclusiveMinimum: 0 },
        },
      },
      ['delaysSeconds'],
    ),
    if: { properties: { preset: { const: 'custom' } } },
    then: { required: ['delaysSeconds'] },
  },
  SecretRef: objectSchema<SecretRef>('A signing secret, encrypted with the platform key.', {
    encrypted: text(),
    expiresAt: nullable(timestamp('Set on a rotated-out secret still signed with until then.')),
  }),
  EndpointAuth: taggedUnion<EndpointAuth>('How delivery authenticates to the endpoint.', {
    none: {},
    basic: { username: { type: 'string' }, encryptedPassword: text() },
    bearer: { encryptedToken: text() },
    oauth2: {
      tokenUrl: text('The token endpoint of the client credentials grant.'),
      clientId: text(),
      encryptedClientSecret: text(),
      scope: nullable(text('Sent as `scope`; null: none.')),
      audience: nullable(text('Sent as `audience`; null: none.')),
    },
  }),
  SignatureScheme: taggedUnion<SignatureScheme>('How deliveries are signed.', {
    'standard-webhooks': {},
    'standard-webhooks-ed25519': {},
    'hmac-sha256-hex': { header: text('The header that carries the hex signature.') },
  }),
  WebhookState: objectSchema<WebhookState>(
    'The whole state delivery needs for one webhook; credentials stay encrypted. States published before a field existed lack it, and the field’s default applies.',
    {
      id: storedId(),
      organizationId: storedId(),
      url: text(),
      events: { type: 'array', items: text('An exact type, `resource.*` or `*`.') },
      filter: nullable({
        type: 'object',
        description:
          'The payload filter: of the events of those types, only the ones it selects are delivered. Absent in old states, or null: every event.',
      }),
      active: boolean(),
      auth: ref('EndpointAuth'),
      encryptedHeaders: stringMap(
        'Custom request headers: names in clear, each value sealed like the credentials. Absent in old states: none.',
      ),
      headers: stringMap(
        'Custom request headers in clear, as states published before their values were sealed carry them; never written any more.',
      ),
      tls: nullable(
        objectSchema<EndpointTls>(
          'Client certificate for mutual TLS and CA bundle for self-hosted receivers. Absent in old states, or null: plain TLS.',
          {
            clientCertificate: nullable(text('PEM client certificate, leaf first; null = none.')),
            encryptedPrivateKey: nullable(
              text('The PEM private key of the client certificate, sealed (AAD = webhook id).'),
            ),
            caCertificates: nullable(
              text(
                "PEM CA certificates that alone are trusted for the endpoint's certificate; null = the public roots.",
              ),
            ),
          },
        ),
      ),
      retryPolicy: {
        oneOf: [ref('RetryPolicy'), { type: 'null' }],
        description:
          "The webhook's own retry schedule; null: the event type's default applies (its catalog default, else `standard`). Every state published before null was allowed carries an explicit one.",
      },
      timeoutSeconds: { type: 'number', exclusiveMinimum: 0 },
      signatureScheme: ref('SignatureScheme'),
      secrets: { type: 'array', items: ref('SecretRef') },
      ordered: boolean('Deliveries of one subject arrive in acceptance order. Absent in old states: false.'),
      rateLimitPerSecond: nullable({
        type: 'number',
        exclusiveMinimum: 0,
        description: 'Absent in old states, or null: unlimited.',
      }),
      maxConcurrency: nullable({
        type: 'integer',
        minimum: 1,
        description: 'Absent in old states, or null: the platform default.',
      }),
      version: integer(0, 'Monotonic per webhook; a consumer ignores an older state.'),
      updatedAt: timestamp(),
    },
    ['encryptedHeaders', 'headers', 'filter', 'tls', 'ordered', 'rateLimitPerSecond', 'maxConcurrency'],
  ),
  DeliveryDefaults: objectSchema<DeliveryDefaults>(
    "An organization's retry schedule and TTL for one event type, over the catalog's defaults.",
    {
      organizationId: storedId(),
      eventType: storedId(),
      retryPolicy: {
        oneOf: [ref('RetryPolicy'), { type: 'null' }],
        description: "The schedule of the organization's webhooks that set none; null: the catalog's.",
      },
      ttlSeconds: nullable({
        type: 'integer',
        minimum: 1,
        description: "Seconds after `occurredAt` after which no attempt is made; null: the catalog's TTL.",
      }),
      version: integer(1, 'Monotonic per key; a consumer ignores an older value.'),
      updatedAt: timestamp(),
    },
  ),
  ApiKeyRecord: objectSchema<ApiKeyRecord>('An API key as every service authenticates it.', {
    id: storedId(),
    organizationId: storedId(),
    hash: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
      description: 'sha256 hex of the full key; the key itself never travels.',
    },
    scopes: { type: 'array', items: oneOfValues(API_SCOPES) },
    revokedAt: nullable(timestamp()),
  }),
  DeliveryTask: objectSchema<DeliveryTask>(
    'One event to one webhook, waiting for its next attempt.',
    {
      deliveryId: text(),
      webhookId: externalId(),
      event: ref('EventEnvelope'),
      attempt: integer(1, 'Number the next attempt will carry.'),
      dueAt: timestamp('Not before this instant.'),
      reason: oneOfValues(DELIVERY_TASK_REASONS),
      failingSince: nullable(timestamp("Start of the webhook's current failure streak.")),
      backfillId: nullable(
        storedId('The backfill that replayed the event; null (or absent) for a live delivery.'),
      ),
    },
    ['failingSince', 'backfillId'],
  ),
  EndpointSignal: objectSchema<EndpointSignal>("Delivery's word about an endpoint.", {
    kind: { const: 'disable' },
    webhookId: externalId(),
    organizationId: externalId(),
    reason: oneOfValues(DISABLE_REASONS),
    detail: { type: 'string', maxLength: 2_000 },
    at: isoDate(),
  }),
  DeliveryCommand: objectSchema<DeliveryCommand>(
    'A manual redelivery: audit-projection holds the payload, delivery carries it out.',
    {
      kind: { const: 'redeliver' },
      commandId: text(),
      deliveryId: text(),
      webhookId: externalId(),
      organizationId: externalId(),
      event: ref('EventEnvelope'),
      attempt: integer(1, 'Number the new attempt carries, after those already logged.'),
      requestedAt: timestamp(),
    },
  ),
  BackfillRequest: objectSchema<BackfillRequest>(
    'The desired state of a backfill: delivery replays the window while it is `running` and stops otherwise.',
    {
      id: storedId(),
      organizationId: externalId(),
      webhookId: externalId(),
      since: timestamp('Inclusive: the first Kafka timestamp replayed.'),
      until: timestamp('Exclusive; never after the backfill was requested.'),
      eventTypes: { type: 'array', minItems: 1, items: text('An exact catalog type.') },
      status: oneOfValues(BACKFILL_STATUSES),
      requestedAt: timestamp(),
    },
  ),
  BackfillProgress: objectSchema<BackfillProgress>(
    'How far one domain partition of a backfill was replayed; cumulative counts for the partition.',
    {
      backfillId: storedId(),
      organizationId: externalId(),
      webhookId: externalId(),
      topic: text(),
      partition: integer(0),
      partitionCount: integer(1, 'Domain partitions the backfill reads in all.'),
      startOffset: { type: 'string', pattern: '^[0-9]+$' },
      endOffset: { type: 'string', pattern: '^[0-9]+$' },
      nextOffset: { type: 'string', pattern: '^[0-9]+$', description: 'Where a restart resumes.' },
      scanned: integer(0, 'Domain messages read.'),
      matched: integer(0, 'Events the webhook takes.'),
      enqueued: integer(0, 'Matched events handed to the delivery pipeline and recorded.'),
      done: boolean(),
      at: timestamp(),
    },
  ),
} satisfies Record<string, JSONSchema>;

export type MessageName = keyof typeof MESSAGE_SCHEMAS;
