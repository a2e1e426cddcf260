import { Topics, newId, type ApiKeyRecord } from '@hookline/contracts';
import { KafkaPublisher, createKafka, parseBrokerList } from '@hookline/kafka';
import { hashApiKey } from '@hookline/security';
import { testEnvironment } from '@hookline/testing';
import type { Kafka } from 'kafkajs';
import { ApiKeyRegistry } from './api-key-registry';

describe(ApiKeyRegistry.name, () => {
  const env = testEnvironment();
  let kafka: Kafka;
  let publisher: KafkaPublisher;
  let registry: ApiKeyRegistry;

  const recordOf = (key: string, overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
    id: newId('key'),
    organizationId: `org_${env.runId}_keys`,
    hash: hashApiKey(key),
    scopes: ['webhooks:read'],
    revokedAt: null,
    ...overrides,
  });
  const publish = (record: { id: string }) =>
    publisher.send(Topics.apiKeys, [{ key: record.id, value: record }]);

  beforeAll(async () => {
    kafka = createKafka({ brokers: parseBrokerList(env.kafkaBrokers), clientId: `api-keys-${env.runId}` });
    publisher = new KafkaPublisher(kafka);
    await publisher.connect();
  });

  afterAll(async () => {
    await registry?.onApplicationShutdown();
    await publisher?.disconnect();
  });

  it('authenticates a key by its hash, and ignores a record that is not of the contract', async () => {
    const goodKey = `hk_${env.runId}_good`;
    const badKey = `hk_${env.runId}_bad`;
    const good = recordOf(goodKey);
    const withoutScopes: Partial<ApiKeyRecord> & { id: string } = recordOf(badKey);
    delete withoutScopes.scopes;
    await publish(withoutScopes);
    await publish(good);
    // Started after both were written: `verify` waits until the table has read the topic to its end then.
    registry = new ApiKeyRegistry(kafka);
    await registry.onModuleInit();

    expect(await registry.verify(goodKey)).toMatchObject({ keyId: good.id, scopes: ['webhooks:read'] });
    expect(await registry.verify(badKey)).toBeNull();
  });
});
