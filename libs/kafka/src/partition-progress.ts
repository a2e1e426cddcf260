/**
 * Which offsets of one partition are finished. Messages are taken in order but finish in any
 * order; the committable offset is the first unfinished one, so a commit never skips work.
 */
export class PartitionProgress {
  private readonly order: bigint[] = [];
  private readonly unfinished = new Set<bigint>();
  private head = 0;
  private end: bigint | null = null;

  /** Offsets taken and not yet finished. */
  get inFlight(): number {
    return this.unfinished.size;
  }

  take(offset: string): void {
    const value = BigInt(offset);
    this.order.push(value);
    this.unfinished.add(value);
    if (this.end === null || value + 1n > this.end) {
      this.end = value + 1n;
    }
  }

  /** Everything before `offset` was read (e.g. control records after the last message). */
  readUpTo(offset: string): void {
    const value = BigInt(offset);
    if (this.end === null || value > this.end) {
      this.end = value;
    }
  }

  finish(offset: string): void {
    if (!this.unfinished.delete(BigInt(offset))) {
      return;
    }
    while (this.head < this.order.length && !this.unfinished.has(this.order[this.head])) {
      this.head += 1;
    }
    if (this.head > 1_024 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
  }

  /** The offset to commit (the next to read after a restart), or null before anything was taken. */
  committable(): string | null {
    if (this.head < this.order.length) {
      return this.order[this.head].toString();
    }
    return this.end === null ? null : this.end.toString();
  }
}
