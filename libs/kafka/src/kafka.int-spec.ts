import type { Kafka } from 'kafkajs';
import { Topics } from '@hookline/contracts';
import { eventually, testEnvironment } from '@hookline/testing';
import { KafkaBatchConsumer } from './batch-consumer';
import { decodeJson } from './codec';
import { CompactedTopicReader } from './compacted-topic-reader';
import { sendToDeadLetterQueue, type DeadLetter } from './dlq';
import { createKafka, parseBrokerList } from './kafka-client';
import { KafkaPublisher } from './publisher';

describe('Kafka plumbing against a real broker', () => {
  const env = testEnvironment();
  // Topics of this test alone, so no service ever reads what it writes.
  const plainTopic = `test.kafka-lib.${env.runId}.plain`;
  const compactedTopic = `test.kafka-lib.${env.runId}.compacted`;
  let kafka: Kafka;
  let publisher: KafkaPublisher;

  beforeAll(async () => {
    kafka = createKafka({ brokers: parseBrokerList(env.kafkaBrokers), clientId: `kafka-lib-${env.runId}` });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: plainTopic, numPartitions: 2 },
        {
          topic: compactedTopic,
          numPartitions: 3,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
    });
    await admin.disconnect();
    publisher = new KafkaPublisher(kafka);
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [plainTopic, compactedTopic] });
    await admin.disconnect();
  });

  describe(sendToDeadLetterQueue.name, () => {
    it('parks a run of refused messages larger than one produce request may be, every one of them', async () => {
      // 12,000 refused 1 KiB messages: about 12 MiB, four times per partition the broker's largest record batch.
      const letters: DeadLetter[] = Array.from({ length: 12_000 }, (_, index) => ({
        sourceTopic: plainTopic,
        partition: index % 2,
        message: {
          key: Buffer.from(`refused-${index}`),
          value: Buffer.alloc(1_024, 'x'),
          headers: {},
          offset: String(index),
          timestamp: String(Date.now()),
          attributes: 0,
        },
        reason: 'value is not valid JSON',
        consumer: 'kafka-lib-test',
      }));
      const admin = kafka.admin();
      await admin.connect();
      const total = async () =>
        (await admin.fetchTopicOffsets(Topics.dlq)).reduce((sum, { high }) => sum + Number(high), 0);
      const before = await total();

      await sendToDeadLetterQueue(publisher, letters);

      expect((await total()) - before).toBe(letters.length);
      await admin.disconnect();
    });
  });

  describe(KafkaBatchConsumer.name, () => {
    it('re-reads a batch whose handler failed, and commits only what was handled', async () => {
      const topic = plainTopic;
      const tag = `batch-${env.runId}`;
      const groupId = `kafka-lib-${env.runId}-batch`;
      const seen: string[] = [];
      let failuresLeft = 1;
      const consumer = new KafkaBatchConsumer(kafka, {
        groupId,
        topics: [topic],
        fromBeginning: true,
        handleBatch: async ({ messages }) => {
          const ours = messages
            .map((message) => message.key?.toString() ?? '')
            .filter((key) => key.startsWith(tag));
          if (ours.length > 0 && failuresLeft-- > 0) {
            throw new Error('handler failed once on purpose');
          }
          seen.push(...ours);
        },
      });
      await consumer.start();
      await eventually(() => expect(consumer.hasJoined).toBe(true));
      await publisher.send(
        topic,
        [1, 2, 3].map((n) => ({ key: `${tag}-${n}`, value: { n } })),
      );
      await eventually(
        () => expect([...new Set(seen)].sort()).toEqual([`${tag}-1`, `${tag}-2`, `${tag}-3`]),
        {
          timeoutMs: 30_000,
        },
      );
      await consumer.stop();

      const replay: string[] = [];
      const second = new KafkaBatchConsumer(kafka, {
        groupId,
        topics: [topic],
        fromBeginning: true,
        handleBatch: async ({ messages }) => {
          replay.push(
            ...messages.map((message) => message.key?.toString() ?? '').filter((key) => key.startsWith(tag)),
          );
        },
      });
      await second.start();
      await eventually(() => expect(second.hasJoined).toBe(true));
      await publisher.send(topic, [{ key: `${tag}-4`, value: { n: 4 } }]);
      await eventually(() => expect(replay).toContain(`${tag}-4`), { timeoutMs: 30_000 });
      await second.stop();
      expect(replay).toEqual([`${tag}-4`]);
    });
  });

  describe(CompactedTopicReader.name, () => {
    it('rebuilds the latest value of every key, honours tombstones, and follows later writes', async () => {
      const prefix = `wh_reader_${env.runId}`;
      await publisher.send(compactedTopic, [
        { key: `${prefix}_a`, value: { version: 1 } },
        { key: `${prefix}_b`, value: { version: 1 } },
        { key: `${prefix}_a`, value: { version: 2 } },
        { key: `${prefix}_b`, value: null },
      ]);
      const state = new Map<string, unknown>();
      const reader = new CompactedTopicReader(kafka, {
        topic: compactedTopic,
        groupPrefix: `kafka-lib-${env.runId}`,
        onRecord: (key, value) => {
          if (!key.startsWith(prefix)) {
            return;
          }
          if (value === null) {
            state.delete(key);
          } else {
            state.set(key, (decodeJson(value) as { ok: true; value: unknown }).value);
          }
        },
      });
      await reader.start();
      await reader.ready;
      expect(reader.caughtUp).toBe(true);
      expect(Object.fromEntries(state)).toEqual({ [`${prefix}_a`]: { version: 2 } });

      await publisher.send(compactedTopic, [{ key: `${prefix}_c`, value: { version: 1 } }]);
      await eventually(() => expect(state.get(`${prefix}_c`)).toEqual({ version: 1 }));
      await reader.stop();
    });
  });
});
