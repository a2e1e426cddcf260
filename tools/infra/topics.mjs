import fsp from 'node:fs/promises';

import { loadConfig } from './config.mjs';
import { withAdmin } from './kafka-client.mjs';
import { InfraError, pollUntil } from './process.mjs';

/**
 * Reads the topic list: `{ replicationFactor?, topics: [{ name, partitions, config? }] }`.
 * Defaults to tools/infra/topics.json (override with HOOKLINE_TOPICS_FILE).
 */
export async function loadTopics(file = loadConfig().topicsFile) {
  let spec;
  try {
    spec = JSON.parse(await fsp.readFile(file, 'utf8'));
  } catch (error) {
    throw new InfraError(`Cannot read topic list ${file}: ${error.message}`);
  }
  const replicationFactor = spec.replicationFactor ?? 1;
  return spec.topics.map((topic) => {
    if (typeof topic.name !== 'string' || !Number.isInteger(topic.partitions)) {
      throw new InfraError(`Invalid topic entry in ${file}: ${JSON.stringify(topic)}`);
    }
    return {
      name: topic.name,
      partitions: topic.partitions,
      replicationFactor: topic.replicationFactor ?? replicationFactor,
      config: topic.config ?? {},
    };
  });
}

const toKafkaJsTopic = (topic) => ({
  topic: topic.name,
  numPartitions: topic.partitions,
  replicationFactor: topic.replicationFactor,
  configEntries: Object.entries(topic.config).map(([name, value]) => ({
    name,
    value: String(value),
  })),
});

/**
 * Creates the missing topics (waiting for their leaders); existing topics are left alone,
 * but a partition count below the declared one is reported through `log`.
 */
export async function ensureTopics(brokers, { topics, log = () => {} } = {}) {
  const wanted = topics ?? (await loadTopics());
  return withAdmin(
    brokers,
    async (admin) => {
      const existing = new Set(await admin.listTopics());
      const missing = wanted.filter((topic) => !existing.has(topic.name));
      if (missing.length > 0) {
        // Resolves false when a concurrent caller created them first, which is fine.
        await admin.createTopics({
          waitForLeaders: true,
          timeout: 30_000,
          topics: missing.map(toKafkaJsTopic),
        });
      }
      if (!existing.has('__consumer_offsets')) {
        await createOffsetsTopic(admin);
      }
      await warnOnPartitionDrift(admin, wanted, existing, log);
      return {
        created: missing.map((topic) => topic.name),
        existing: wanted.filter((topic) => existing.has(topic.name)).map((topic) => topic.name),
      };
    },
    { timeoutMs: 30_000 },
  );
}

/**
 * The broker creates __consumer_offsets on the first coordinator lookup; doing that
 * here spares the first test consumer a round of "group coordinator is not available" errors.
 */
async function createOffsetsTopic(admin) {
  // On a fresh, busy broker the coordinator takes a while to appear; wait for it, with a deadline.
  await pollUntil(
    async () => {
      await admin.describeGroups(['hookline-infra-warmup']);
      return true;
    },
    {
      timeoutMs: 60_000,
      intervalMs: 500,
      describeTimeout: (error) => `Kafka's group coordinator did not come up within 60 s: ${error?.message}`,
    },
  );
}

async function warnOnPartitionDrift(admin, wanted, existing, log) {
  const names = wanted.filter((topic) => existing.has(topic.name)).map((topic) => topic.name);
  if (names.length === 0) {
    return;
  }
  const { topics } = await admin.fetchTopicMetadata({ topics: names });
  const actual = new Map(topics.map((topic) => [topic.name, topic.partitions.length]));
  for (const topic of wanted) {
    const count = actual.get(topic.name);
    if (count !== undefined && count < topic.partitions) {
      log(`warning: topic ${topic.name} has ${count} partitions, topics file declares ${topic.partitions}`);
    }
  }
}
