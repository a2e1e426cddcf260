export interface PartitionEnd {
  topic: string;
  partition: number;
  /** The high watermark when the rebuild started: the offset after the last message. */
  high: string;
}

/** Knows which partitions still have messages before the end offsets captured at start. */
export class CatchUpTracker {
  private readonly pending = new Map<string, bigint>();

  constructor(ends: readonly (PartitionEnd & { low: string })[]) {
    for (const end of ends) {
      if (BigInt(end.high) > BigInt(end.low)) {
        this.pending.set(key(end.topic, end.partition), BigInt(end.high));
      }
    }
  }

  get caughtUp(): boolean {
    return this.pending.size === 0;
  }

  get pendingPartitions(): string[] {
    return [...this.pending.keys()];
  }

  /** Records that every message up to `lastOffset` of the partition is handled. */
  handled(topic: string, partition: number, lastOffset: string): void {
    const target = this.pending.get(key(topic, partition));
    if (target !== undefined && BigInt(lastOffset) + 1n >= target) {
      this.pending.delete(key(topic, partition));
    }
  }
}

function key(topic: string, partition: number): string {
  return `${topic}[${partition}]`;
}
