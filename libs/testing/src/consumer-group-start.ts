import { Kafka, logLevel } from 'kafkajs';

/**
 * Starts a consumer group that never committed at the current end of `topic`. The topics a test
 * broker carries are shared by every spec and tier that ran on it (and, on a developer's machine, by
 * every earlier run), so a new group reading from the beginning would first work through all of their
 * messages, and the test would time out waiting for its own. Call it before the test publishes what
 * the group must read; a group that committed keeps its offsets, a topic not created yet is left alone.
 */
export async function startNewGroupAtEnd(brokers: string, groupId: string, topic: string): Promise<void> {
  // kafkajs itself, not @hookline/kafka's createKafka: that library's own tests depend on this one.
  const admin = new Kafka({
    clientId: 'test-group-start',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      return;
    }
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    if (committed.partitions.some((partition) => Number(partition.offset) >= 0)) {
      return;
    }
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
    });
  } finally {
    await admin.disconnect();
  }
}
