import {
  ATTEMPT_EVENT_SCHEMA,
  ATTEMPT_START_SCHEMA,
  BACKFILL_PROGRESS_SCHEMA,
  BACKFILL_REQUEST_SCHEMA,
  DELIVERY_HELD_SCHEMA,
  DELIVERY_TASK_SCHEMA,
  KafkaHeaders,
  RETRY_TIERS,
  Topics,
  retryTopic,
  type JSONSchema,
} from '@hookline/contracts';
import { headersSchema, messageKey, type Doc } from './asyncapi-parts';
import { ref } from './object-schema';

export interface InternalTopic {
  id: string;
  address: string;
  description: string;
  producers: string;
  consumers: string;
  messages: Record<string, Doc>;
}

export function internalTopics(): InternalTopic[] {
  const taskHeaders = headersSchema({
    ...schemaHeader(DELIVERY_TASK_SCHEMA),
    [KafkaHeaders.eventType]: { type: 'string', description: 'The type of the event inside.' },
  });
  const retryTiers: InternalTopic[] = RETRY_TIERS.map((tier) => ({
    id: `retry.${tier.name}`,
    address: retryTopic(tier.name),
    description:
      `Deliveries waiting for a retry due in about ${tier.name} or more. A retry waits on the longest tier ` +
      'not past its due time, so no tier blocks a shorter one.',
    producers: 'delivery-service',
    consumers: 'delivery-service',
    messages: {
      [`retryTask.${tier.name}`]: internalMessage(
        'A delivery task',
        'DeliveryTask',
        'The webhook id.',
        taskHeaders,
      ),
    },
  }));
  return [
    {
      id: 'subscriptions',
      address: Topics.subscriptions,
      description:
        'Compacted. The state of every webhook, written through the transactional outbox of ' +
        'subscription-service; a tombstone (null value) when a webhook is deleted.',
      producers: 'subscription-service',
      consumers: 'delivery-service, audit-projection-service',
      messages: {
        webhookState: schemaMessage(
          'The state of a webhook',
          'WebhookState',
          'The webhook id.',
          'webhook-state.v1',
        ),
        webhookDeleted: tombstone('webhookDeleted', 'A deleted webhook (tombstone)', 'The webhook id.'),
      },
    },
    {
      id: 'backfills',
      address: Topics.backfills,
      description:
        'Compacted. The desired state of every backfill, written through the transactional outbox of ' +
        'subscription-service: delivery replays its window while it is `running` and stops it otherwise.',
      producers: 'subscription-service',
      consumers: 'delivery-service',
      messages: {
        backfillRequest: schemaMessage(
          'The desired state of a backfill',
          'BackfillRequest',
          'The backfill id.',
          BACKFILL_REQUEST_SCHEMA,
        ),
      },
    },
    {
      id: 'backfillProgress',
      address: Topics.backfillProgress,
      description:
        'Compacted. How far each domain partition of a backfill was replayed, written once the deliveries before ' +
        '`nextOffset` are recorded: where a restarted delivery-service resumes, and the counts the API shows.',
      producers: 'delivery-service',
      consumers: 'subscription-service, delivery-service',
      messages: {
        backfillProgress: schemaMessage(
          'The progress of a backfill in one partition',
          'BackfillProgress',
          '`<backfill id>:<topic>:<partition>`.',
          BACKFILL_PROGRESS_SCHEMA,
        ),
      },
    },
    {
      id: 'apiKeys',
      address: Topics.apiKeys,
      description: 'Compacted. Every API key by id, with only its hash, so each service authenticates keys.',
      producers: 'subscription-service',
      consumers: 'every service',
      messages: {
        apiKeyRecord: schemaMessage('An API key', 'ApiKeyRecord', 'The API key id.', 'api-key-record.v1'),
      },
    },
    {
      id: 'deliveryDefaults',
      address: Topics.deliveryDefaults,
      description:
        "Compacted. An organization's retry schedule and TTL for one event type (PUT /v1/event-types/:type/delivery-defaults), " +
        'written through the transactional outbox of subscription-service; a tombstone when they are removed.',
      producers: 'subscription-service',
      consumers: 'delivery-service',
      messages: {
        deliveryDefaults: schemaMessage(
          "An organization's delivery defaults for an event type",
          'DeliveryDefaults',
          '`<organization id>:<event type>`.',
          'delivery-defaults.v1',
        ),
        deliveryDefaultsRemoved: tombstone(
          'deliveryDefaultsRemoved',
          'Removed delivery defaults (tombstone)',
          '`<organization id>:<event type>`.',
        ),
      },
    },
    {
      id: 'deliveries',
      address: Topics.deliveries,
      description: 'The ordered lane: first attempts of ordered webhooks, one subject after the other.',
      producers: 'delivery-service',
      consumers: 'delivery-service',
      messages: {
        deliveryTask: internalMessage('A delivery task', 'DeliveryTask', 'The webhook id.', taskHeaders),
      },
    },
    ...retryTiers,
    {
      id: 'attempts',
      address: Topics.attempts,
      description:
        'Per HTTP attempt a start, then its outcome, and a notice when an attempt is held back; the delivery log is projected from it. Messages of one delivery share a key, so they keep their order.',
      producers: 'delivery-service',
      consumers: 'audit-projection-service',
      messages: {
        attemptStart: schemaMessage(
          'An attempt starting',
          'AttemptStart',
          'The delivery id.',
          ATTEMPT_START_SCHEMA,
        ),
        attempt: schemaMessage('An attempt', 'AttemptEvent', 'The delivery id.', ATTEMPT_EVENT_SCHEMA),
        deliveryHeld: schemaMessage(
          'A delivery held back',
          'DeliveryHeld',
          'The delivery id.',
          DELIVERY_HELD_SCHEMA,
        ),
      },
    },
    {
      id: 'signals',
      address: Topics.signals,
      description: 'Endpoint health signals; subscription-service owns the change they ask for.',
      producers: 'delivery-service',
      consumers: 'subscription-service',
      messages: {
        endpointSignal: internalMessage('An endpoint signal', 'EndpointSignal', 'The webhook id.'),
      },
    },
    {
      id: 'commands',
      address: Topics.commands,
      description: 'Manual redelivery and recovery, one command per delivery.',
      producers: 'audit-projection-service',
      consumers: 'delivery-service',
      messages: { deliveryCommand: internalMessage('A redelivery', 'DeliveryCommand', 'The webhook id.') },
    },
    {
      id: 'dlq',
      address: Topics.dlq,
      description:
        'Messages a consumer could not parse or validate: the original key and value, the reason in headers.',
      producers: 'every consumer',
      consumers: 'operators',
      messages: {
        deadLetter: {
          name: 'deadLetter',
          title: 'A refused message',
          headers: headersSchema({
            [KafkaHeaders.dlqReason]: {
              type: 'string',
              description: 'Why it was refused (at most 2000 characters).',
            },
            [KafkaHeaders.dlqSourceTopic]: { type: 'string' },
            [KafkaHeaders.dlqSourcePartition]: { type: 'string', description: 'A decimal number.' },
            [KafkaHeaders.dlqSourceOffset]: { type: 'string', description: 'A decimal number.' },
            [KafkaHeaders.dlqConsumer]: {
              type: 'string',
              description: 'The consumer group that refused it.',
            },
          }),
          payload: { description: 'The original value, byte for byte.' },
          bindings: { kafka: messageKey('The original key.') },
        },
      },
    },
  ];
}

/** A message whose schema header names the schema of its value. */
function schemaMessage(title: string, schema: string, key: string, schemaName: string): Doc {
  return internalMessage(title, schema, key, headersSchema(schemaHeader(schemaName)));
}

/** The null value that deletes a key of a compacted topic. */
function tombstone(name: string, title: string, key: string): Doc {
  return { name, title, payload: { type: 'null' }, bindings: { kafka: messageKey(key) } };
}

function schemaHeader(value: string) {
  return {
    [KafkaHeaders.schema]: { type: 'string', const: value, description: 'Schema name of the value.' },
  };
}

function internalMessage(title: string, schema: string, key: string, headers?: JSONSchema): Doc {
  const name = schema.charAt(0).toLowerCase() + schema.slice(1);
  return {
    name,
    title,
    contentType: 'application/json',
    ...(headers === undefined ? {} : { headers }),
    payload: ref(schema),
    bindings: { kafka: messageKey(key) },
  };
}
