import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { EVENT_CATALOG, EventEnvelope, RESOURCES, domainTopic, type JSONSchema } from '@hookline/contracts';
import { KAFKA_BINDING_VERSION, channel, operation, type Doc } from './asyncapi-parts';
import { contractSchemas } from './contract-schemas';
import { domainMessages } from './domain-messages';
import { internalTopics } from './internal-topics';
import { nullable } from './object-schema';

// class-transformer ships no typings for this path, but it is where its `@Type`s live.
const { defaultMetadataStorage: classTransformerMetadataStorage } = module.require(
  'class-transformer/cjs/storage',
) as { defaultMetadataStorage: MetadataStorage };

interface TopicSettings {
  name: string;
  partitions: number;
  config?: Record<string, string>;
}

// The topics tools/infra creates, with their partitions and cleanup policies.
const topicsFile = JSON.parse(readFileSync(path.resolve(__dirname, '../infra/topics.json'), 'utf8')) as {
  topics: TopicSettings[];
};

const SCHEMA_PREFIX = '#/components/schemas/';

/** The AsyncAPI 3 document of every Kafka topic Hookline reads or writes, built from libs/contracts. */
export function buildAsyncApiDocument(version: string): Doc {
  const channels: Doc = {};
  const operations: Doc = {};
  const messages: Doc = {};

  for (const resource of RESOURCES) {
    const types = EVENT_CATALOG.filter((definition) => definition.resource === resource);
    const channelId = `domain.${resource}`;
    for (const definition of types) {
      Object.assign(messages, domainMessages(definition));
    }
    channels[channelId] = channel(
      domainTopic(resource),
      `Events about ${resource} resources. Product services publish here (or through event-ingest-service's ` +
        'HTTP API, which writes the same messages); delivery-service fans each event out to the webhooks ' +
        'that subscribe to its type.',
      types.flatMap((definition) => Object.keys(domainMessages(definition))),
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

function topicSettings(address: string): TopicSettings {
  const settings = topicsFile.topics.find((topic) => topic.name === address);
  if (settings === undefined) {
    throw new Error(`${address} is not in tools/infra/topics.json`);
  }
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
