import type { JSONSchema } from '@hookline/contracts';

/** A piece of the AsyncAPI document; its shape is checked by the drift and reference tests. */
export type Doc = Record<string, unknown>;

export const KAFKA_BINDING_VERSION = '0.5.0';

export function channel(address: string, description: string, messageIds: string[]): Doc {
  return {
    address,
    description,
    messages: Object.fromEntries(messageIds.map((id) => [id, { $ref: `#/components/messages/${id}` }])),
  };
}

export function operation(action: 'send' | 'receive', channelId: string, who: string): Doc {
  return {
    action,
    channel: { $ref: `#/channels/${channelId}` },
    summary: `${action === 'send' ? 'Written' : 'Read'} by ${who}.`,
  };
}

/** Every header listed is sent; `optional` ones may be left out. */
export function headersSchema(properties: Record<string, JSONSchema>, optional: string[] = []): JSONSchema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
  };
}

export function messageKey(description: string): Doc {
  return { key: { type: 'string', description }, bindingVersion: KAFKA_BINDING_VERSION };
}
