import {
  CLOUDEVENTS_SPEC_VERSION,
  CloudEventHeaders,
  KafkaHeaders,
  eventDataJsonSchema,
  type EventTypeDefinition,
} from '@hookline/contracts';
import { headersSchema, messageKey, type Doc } from './asyncapi-parts';
import { ref } from './object-schema';

const DOMAIN_KEY = messageKey('`<organizationId>:<subject>`: events of one subject keep their order.');
const EXAMPLE_ORGANIZATION = 'org_01JD5Q8Z6X4V3N2M1K0H9G8F7E';
const EXAMPLE_TIME = '2026-01-15T09:30:00.000Z';

/** The two forms an event takes on its domain topic: the native envelope, and a binary-mode CloudEvent. */
export function domainMessages(definition: EventTypeDefinition): Record<string, Doc> {
  return {
    [definition.type]: nativeMessage(definition),
    [`${definition.type}.cloudevent`]: cloudEventMessage(definition),
  };
}

function nativeMessage(definition: EventTypeDefinition): Doc {
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
    bindings: { kafka: DOMAIN_KEY },
    examples: [
      {
        name: 'example',
        headers: { [KafkaHeaders.eventType]: definition.type },
        payload: {
          id: exampleId(definition),
          type: definition.type,
          organizationId: EXAMPLE_ORGANIZATION,
          subject: exampleSubject(definition),
          occurredAt: EXAMPLE_TIME,
          data: definition.example,
        },
      },
    ],
  };
}

function cloudEventMessage(definition: EventTypeDefinition): Doc {
  const text = (description: string) => ({ type: 'string', description });
  return {
    name: `${definition.type}.cloudevent`,
    title: `${definition.type} as a CloudEvent`,
    summary: `${definition.description} (CloudEvents 1.0, Kafka binary mode)`,
    description:
      'The same event with its attributes in `ce_*` headers and its `data` as the value; delivery-service ' +
      'reads it as the envelope the attributes map to.',
    contentType: 'application/json',
    headers: headersSchema(
      {
        [CloudEventHeaders.specVersion]: { type: 'string', const: CLOUDEVENTS_SPEC_VERSION },
        [CloudEventHeaders.id]: text('The event id; becomes `webhook-id`.'),
        [CloudEventHeaders.source]: text('Required by CloudEvents; not used by Hookline.'),
        [CloudEventHeaders.type]: { type: 'string', const: definition.type },
        [CloudEventHeaders.subject]: text('The resource the event is about (required by Hookline).'),
        [CloudEventHeaders.time]: {
          type: 'string',
          format: 'date-time',
          description: 'Becomes occurredAt (required by Hookline).',
        },
        [CloudEventHeaders.organizationId]: text(
          'Extension attribute: the organization (required by Hookline).',
        ),
        [CloudEventHeaders.expiresAt]: {
          type: 'string',
          format: 'date-time',
          description: 'Extension attribute: no attempt after it.',
        },
        'content-type': { type: 'string', const: 'application/json' },
      },
      [CloudEventHeaders.expiresAt, 'content-type'],
    ),
    payload: eventDataJsonSchema(definition.type),
    bindings: { kafka: DOMAIN_KEY },
    examples: [
      {
        name: 'example',
        headers: {
          [CloudEventHeaders.specVersion]: CLOUDEVENTS_SPEC_VERSION,
          [CloudEventHeaders.id]: exampleId(definition),
          [CloudEventHeaders.source]: `//${definition.resource}-service.example.com`,
          [CloudEventHeaders.type]: definition.type,
          [CloudEventHeaders.subject]: exampleSubject(definition),
          [CloudEventHeaders.time]: EXAMPLE_TIME,
          [CloudEventHeaders.organizationId]: EXAMPLE_ORGANIZATION,
          'content-type': 'application/json',
        },
        payload: definition.example,
      },
    ],
  };
}

const exampleId = (definition: EventTypeDefinition) => `evt_${definition.type.replace(/[^a-z]/g, '_')}_1`;
const exampleSubject = (definition: EventTypeDefinition) => `${definition.resource}/1042`;
