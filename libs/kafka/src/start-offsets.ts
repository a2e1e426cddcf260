import type { Admin } from 'kafkajs';

export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Where each assigned partition the group never committed must start: its current end (`latest`) or
 * beginning (`earliest`). Partitions with a committed offset are left out.
 */
export async function uncommittedStartOffsets(
  admin: Pick<Admin, 'fetchOffsets' | 'fetchTopicOffsets'>,
  groupId: string,
  assignment: ReadonlyArray<{ topic: string; partition: number }>,
  startFrom: 'earliest' | 'latest',
): Promise<PartitionOffset[]> {
  const topics = [...new Set(assignment.map((entry) => entry.topic))];
  if (topics.length === 0) {
    return [];
  }
  const committed = await admin.fetchOffsets({ groupId, topics });
  const starts: PartitionOffset[] = [];
  for (const { topic, partitions } of committed) {
    const missing = partitions.filter(
      (entry) =>
        Number(entry.offset) < 0 &&
        assignment.some((assigned) => assigned.topic === topic && assigned.partition === entry.partition),
    );
    if (missing.length === 0) {
      continue;
    }
    const ends = await admin.fetchTopicOffsets(topic);
    for (const { partition } of missing) {
      const end = ends.find((entry) => entry.partition === partition);
      if (end) {
        starts.push({ topic, partition, offset: startFrom === 'latest' ? end.high : end.low });
      }
    }
  }
  return starts;
}
