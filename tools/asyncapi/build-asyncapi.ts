import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import {
  ATTEMPT_EVENT_SCHEMA,
  DELIVERY_TASK_SCHEMA,
  EVENT_CATALOG,
  EventEnvelope,
  KafkaHeaders,
  RESOURCES,
  RETRY_TIERS,
  Topics,
  domainTopic,
  eventDataJsonSchema,
  retryTopic,
  type EventTypeDefinition,
  type JSONSchema,
} from '@hookline/contracts';
import { contractSchemas } from './contract-schemas';
import { nullable, ref } from './object-schema';

// class-transformer ships no typings for this path, but it is where its `@Type`s live.
const { defaultMetadataStorage: classTransformerMetadataStorage } = module.require(
  'class-transformer/cjs/storage',
) as { defaultMetadataStorage: MetadataStorage };

type Doc = Record<string, unknown>;
interface TopicSettings {
  name: string;
  partitions: number;
  config?: Record<string, string>;
}

// The topics tools/infra creates, with their partitions and cleanup policies.
const topicsFile = JSON.parse(readFileSync(path.resolve(__dirname, '../infra/topics.json'), 'utf8')) as {
  topics: TopicSettings[];
};

const KAFKA_BINDING_VERSION = '0.5.0';
const SCHEMA_PREFIX = '#/components/schemas/';

/** The AsyncAPI 3 document of every Kafka topic Hookline reads or writes, built from libs/contracts. */
export function buildAsyncApiDocument(version: string): Doc {
  const channels: Doc = {};
  const operations: Doc = {};
  const messages: Doc = {};

  for (const resource of RESOURCES) {
    const types = EVENT_CATALOG.filter((definition) => definition.resource === resource);
    const channelId = `domain.${resource}`;
    for (const definition of types) messages[definition.type] = domainMessage(definition);
    channels[channelId] = channel(
      domainTopic(resource),
      `Events about ${resource} resources. Product services publish here (or through event-ingest-service's ` +
        'HTTP API, which writes the same messages); delivery-service fans each event out to the webhooks ' +
        'that subscribe to its type.',
      types.map((definition) => definition.type),
    );
    operations[`publish.${resource}`] = operation(
      'send',
      channelId,
      'product services, event-ingest-service',
    );
    operations[`consume.${resource}`] = operation('receive', channelId, 'delivery-service');
  }

  for (const internal of internalTopics()) {
    Object.assign(messages, internal.messages);
    channels[internal.id] = channel(internal.address, internal.description, Object.keys(internal.messages));
    operations[`send.${internal.id}`] = operation('send', internal.id, internal.producers);
    operations[`receive.${internal.id}`] = operation('receive', internal.id, internal.consumers);
  }

  for (const id of Object.keys(channels)) {
    const settings = topicSettings((channels[id] as { address: string }).address);
    (channels[id] as Doc).bindings = { kafka: kafkaChannelBinding(settings) };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Hookline topics',
      version,
      description:
        'Every Kafka topic of Hookline: the domain topics product services publish to, and the topics the ' +
        'services use between themselves. Values are JSON; keys are UTF-8 strings. Generated from ' +
        '`libs/contracts` by `npm run asyncapi:update`; a test fails when this document drifts.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:19092',
        protocol: 'kafka',
        description: 'The broker `tools/infra` starts (KAFKA_BROKERS points the services elsewhere).',
      },
    },
    channels,
    operations,
    components: { messages, schemas: { ...envelopeSchemas(), ...contractSchemas() } },
  };
}

function domainMessage(definition: EventTypeDefinition): Doc {
  const origin =
    definition.origin === 'platform'
      ? ' Published by Hookline itself; event-ingest-service refuses it from callers.'
      : '';
  const ttl =
    definition.defaultTtlSeconds === undefined
      ? ''
      : ` Not delivered later than ${definition.defaultTtlSeconds} s after occurredAt unless expiresAt says otherwise.`;
  return {
    name: definition.type,
    title: definition.type,
    summary: definition.description,
    description: `${definition.description}.${origin}${ttl}`.replace('..', '.'),
    contentType: 'application/json',
    headers: headersSchema({
      [KafkaHeaders.eventType]: {
        type: 'string',
        const: definition.type,
        description: 'Routes without parsing the value.',
      },
    }),
    payload: {
      allOf: [
        ref('EventEnvelope'),
        {
          type: 'object',
          properties: { type: { const: definition.type }, data: eventDataJsonSchema(definition.type) },
        },
      ],
    },
    bindings: { kafka: messageKey('`<organizationId>:<subject>`: events of one subject keep their order.') },
    examples: [
      {
        name: 'example',
        headers: { [KafkaHeaders.eventType]: definition.type },
        payload: {
          id: `evt_${definition.type.replace(/[^a-z]/g, '_')}_1`,
          type: definition.type,
          organizationId: 'org_01JD5Q8Z6X4V3N2M1K0H9G8F7E',
          subject: `${definition.resource}/1042`,
          occurredAt: '2026-01-15T09:30:00.000Z',
          data: definition.example,
        },
      },
    ],
  };
}

interface InternalTopic {
  id: string;
  address: string;
  description: string;
  producers: string;
  consumers: string;
  messages: Record<string, Doc>;
}

function internalTopics(): InternalTopic[] {
  const schemaHeader = (value: string) => ({
    [KafkaHeaders.schema]: { type: 'string', const: value, description: 'Schema name of the value.' },
  });
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
        webhookState: internalMessage(
          'The state of a webhook',
          'WebhookState',
          'The webhook id.',
          headersSchema(schemaHeader('webhook-state.v1')),
        ),
        webhookDeleted: {
          name: 'webhookDeleted',
          title: 'A deleted webhook (tombstone)',
          payload: { type: 'null' },
          bindings: { kafka: messageKey('The webhook id.') },
        },
      },
    },
    {
      id: 'apiKeys',
      address: Topics.apiKeys,
      description: 'Compacted. Every API key by id, with only its hash, so each service authenticates keys.',
      producers: 'subscription-service',
      consumers: 'every service',
      messages: {
        apiKeyRecord: internalMessage(
          'An API key',
          'ApiKeyRecord',
          'The API key id.',
          headersSchema(schemaHeader('api-key-record.v1')),
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
      description: 'One message per HTTP attempt; the delivery log is projected from it.',
      producers: 'delivery-service',
      consumers: 'audit-projection-service',
      messages: {
        attempt: internalMessage(
          'An attempt',
          'AttemptEvent',
          'The delivery id.',
          headersSchema(schemaHeader(ATTEMPT_EVENT_SCHEMA)),
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

function channel(address: string, description: string, messageIds: string[]): Doc {
  return {
    address,
    description,
    messages: Object.fromEntries(messageIds.map((id) => [id, { $ref: `#/components/messages/${id}` }])),
  };
}

function operation(action: 'send' | 'receive', channelId: string, who: string): Doc {
  return {
    action,
    channel: { $ref: `#/channels/${channelId}` },
    summary: `${action === 'send' ? 'Written' : 'Read'} by ${who}.`,
  };
}

function headersSchema(properties: Record<string, JSONSchema>): JSONSchema {
  return { type: 'object', properties, required: Object.keys(properties) };
}

function messageKey(description: string): Doc {
  return { key: { type: 'string', description }, bindingVersion: KAFKA_BINDING_VERSION };
}

function topicSettings(address: string): TopicSettings {
  const settings = topicsFile.topics.find((topic) => topic.name === address);
  if (settings === undefined) throw new Error(`${address} is not in tools/infra/topics.json`);
  return settings;
}

function kafkaChannelBinding(settings: TopicSettings): Doc {
  const cleanupPolicy = settings.config?.['cleanup.policy'];
  return {
    topic: settings.name,
    partitions: settings.partitions,
    ...(cleanupPolicy === undefined ? {} : { topicConfiguration: { 'cleanup.policy': [cleanupPolicy] } }),
    bindingVersion: KAFKA_BINDING_VERSION,
  };
}

/** The envelope and its target, from their class-validator DTOs; the two optional fields also take null. */
function envelopeSchemas(): Record<string, JSONSchema> {
  const generated = validationMetadatasToSchemas({
    classTransformerMetadataStorage,
    refPointerPrefix: SCHEMA_PREFIX,
  }) as Record<string, JSONSchema>;
  const envelope = generated[EventEnvelope.name];
  const target = generated.EventTarget;
  if (envelope?.properties === undefined || target === undefined) {
    throw new Error('no validation metadata for the envelope');
  }
  const properties = envelope.properties;
  return {
    EventEnvelope: {
      ...envelope,
      properties: {
        ...properties,
        expiresAt: {
          ...nullable(properties.expiresAt),
          description: 'No delivery attempt is made after it.',
        },
        target: { ...nullable(properties.target), description: 'Set only by Hookline itself.' },
      },
      description:
        'The value of every domain message. `id` becomes `webhook-id` on every delivery of the event.',
    },
    EventTarget: {
      ...target,
      description: "Hookline's own events (activation tests) go to this one webhook only.",
    },
  };
}
