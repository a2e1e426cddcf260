import {
  backfillProgressKey,
  domainTopic,
  findEventType,
  type BackfillProgress,
  type BackfillRequest,
} from '@hookline/contracts';

/** The domain topics a backfill reads: those of the resources of its event types, each once. */
export function topicsOfBackfill(eventTypes: readonly string[]): string[] {
  const resources = eventTypes.flatMap((type) => {
    const definition = findEventType(type);
    return definition === undefined ? [] : [definition.resource];
  });
  return [...new Set(resources)].map(domainTopic).sort();
}

/** Offsets of one topic's partitions, as kafkajs answers them. */
export type TopicOffsets = Map<string, ReadonlyArray<{ partition: number; offset: string }>>;

/**
 * Where each partition of the window starts, ends and resumes. `starts` are the offsets of `since`,
 * `ends` those of `until` (both instants in the past, so every replica and every restart plans the
 * same window); a partition with a progress record resumes where it says, counts included.
 */
export function planBackfill(
  request: BackfillRequest,
  starts: TopicOffsets,
  ends: TopicOffsets,
  progressOf: (key: string) => BackfillProgress | undefined,
  now: Date,
): BackfillProgress[] {
  const partitions = [...starts].flatMap(([topic, offsets]) =>
    offsets.map(({ partition, offset }) => ({ topic, partition, start: BigInt(offset) })),
  );
  return partitions.map(({ topic, partition, start }) => {
    const recorded = progressOf(backfillProgressKey(request.id, topic, partition));
    if (recorded !== undefined) {
      return { ...recorded, partitionCount: partitions.length };
    }
    const endOffset = ends.get(topic)?.find((entry) => entry.partition === partition)?.offset;
    // An end before the start (retention moved the start on) is an empty window.
    const end = endOffset === undefined ? start : BigInt(endOffset) > start ? BigInt(endOffset) : start;
    return {
      backfillId: request.id,
      organizationId: request.organizationId,
      webhookId: request.webhookId,
      topic,
      partition,
      partitionCount: partitions.length,
      startOffset: start.toString(),
      endOffset: end.toString(),
      nextOffset: start.toString(),
      scanned: 0,
      matched: 0,
      enqueued: 0,
      done: start >= end,
      at: now.toISOString(),
    };
  });
}

/** What a backfill does with the message at `offset` of a partition at `position`. */
export function stepAt(position: BackfillProgress, offset: bigint): 'skip' | 'read' | 'past-end' {
  if (offset >= BigInt(position.endOffset)) {
    return 'past-end';
  }
  return offset < BigInt(position.nextOffset) ? 'skip' : 'read';
}
