// `<image> create-topics`: creates Hookline's Kafka topics (the list of tools/infra/topics.json, copied into
// the image) where they are missing, and waits for their leaders. Existing topics are left as they are;
// one with fewer partitions than declared is reported. For compose and the Helm chart's topics Job.
//   KAFKA_BROKERS              host:port list (required)
//   TOPIC_REPLICATION_FACTOR   replication factor of created topics (default: the list's, 1)
//   TOPIC_PARTITIONS           partition count of every created topic (default: the list's, per topic)
'use strict';
const { Kafka, logLevel } = require('kafkajs');
const spec = require('./topics.json');

function positiveInteger(name) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a positive integer, got "${raw}"`);
    process.exit(64);
  }
  return value;
}

async function createTopics() {
  const brokers = (process.env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set');
  const replicationFactor = positiveInteger('TOPIC_REPLICATION_FACTOR') ?? spec.replicationFactor ?? 1;
  const partitions = positiveInteger('TOPIC_PARTITIONS');
  const kafka = new Kafka({
    clientId: 'hookline-create-topics',
    brokers,
    logLevel: logLevel.WARN,
    retry: { retries: 10 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = spec.topics.filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        timeout: 60_000,
        topics: missing.map((topic) => ({
          topic: topic.name,
          numPartitions: partitions ?? topic.partitions,
          replicationFactor,
          configEntries: Object.entries(topic.config ?? {}).map(([name, value]) => ({
            name,
            value: String(value),
          })),
        })),
      });
    }
    const metadata = await admin.fetchTopicMetadata({ topics: spec.topics.map((topic) => topic.name) });
    for (const topic of metadata.topics) {
      const declared = partitions ?? spec.topics.find((entry) => entry.name === topic.name).partitions;
      if (topic.partitions.length < declared) {
        console.warn(
          `${topic.name} has ${topic.partitions.length} partitions, fewer than the ${declared} declared`,
        );
      }
    }
    console.log(
      `topics: created ${missing.length} (${missing.map((topic) => topic.name).join(', ') || 'none'}), ` +
        `${spec.topics.length - missing.length} existed`,
    );
  } finally {
    await admin.disconnect();
  }
}

createTopics().catch((error) => {
  console.error(`creating topics failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
