import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CloudEventHeaders,
  EVENT_TYPES,
  KafkaHeaders,
  RESOURCES,
  RETRY_TIERS,
  Topics,
  domainTopic,
  retryTopic,
} from '@hookline/contracts';
import { buildAsyncApiDocument } from './build-asyncapi';

const ROOT = path.resolve(__dirname, '../..');
const FILE = path.join(ROOT, 'docs/asyncapi/hookline.json');
const UPDATE = process.env.UPDATE_ASYNCAPI === 'true';
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

interface Document {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: { messages: Record<string, unknown>; schemas: Record<string, unknown> };
}

describe('the committed AsyncAPI document', () => {
  const built = JSON.parse(JSON.stringify(buildAsyncApiDocument(version))) as Document;

  it('matches what libs/contracts describes (UPDATE_ASYNCAPI=true rewrites it)', () => {
    if (UPDATE) {
      mkdirSync(path.dirname(FILE), { recursive: true });
      writeFileSync(FILE, `${JSON.stringify(built, null, 2)}\n`);
    }
    expect(built).toEqual(JSON.parse(readFileSync(FILE, 'utf8')));
  });

  it('has a channel for every topic', () => {
    const addresses = Object.values(built.channels)
      .map((channel) => channel.address)
      .sort();
    const topics = [
      ...Object.values(Topics),
      ...RESOURCES.map(domainTopic),
      ...RETRY_TIERS.map((tier) => retryTopic(tier.name)),
    ].sort();
    expect(addresses).toEqual(topics);
  });

  it('has a message for every catalog type, native and CloudEvent, on its resource channel', () => {
    for (const type of EVENT_TYPES) {
      const channel = built.channels[`domain.${type.split('.')[0]}`];
      expect(channel.messages[type]).toEqual({ $ref: `#/components/messages/${type}` });
      expect(channel.messages[`${type}.cloudevent`]).toEqual({
        $ref: `#/components/messages/${type}.cloudevent`,
      });
    }
  });

  it('names every Kafka header Hookline reads or writes', () => {
    const text = JSON.stringify(built);
    const missing = [...Object.values(KafkaHeaders), ...Object.values(CloudEventHeaders)].filter(
      (header) => !text.includes(`"${header}"`),
    );
    expect(missing).toEqual([]);
  });

  it('resolves every reference', () => {
    const refs = [...JSON.stringify(built).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((match) => match[1]);
    const unresolved = refs.filter((pointer) => {
      let node: unknown = built;
      for (const part of pointer.split('/')) {
        node = (node as Record<string, unknown> | undefined)?.[part];
      }
      return node === undefined;
    });
    expect(unresolved).toEqual([]);
  });
});
