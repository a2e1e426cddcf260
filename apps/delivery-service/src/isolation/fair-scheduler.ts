export type Release = () => void;

/**
 * The process-wide request slots, shared fairly between organizations: waiting organizations are
 * served round-robin (one slot each in turn, however many deliveries each has queued), and no
 * organization holds more than `perGroupLimit` slots at once. So one organization's flood, or its
 * hanging endpoints, cannot starve the others.
 */
export class FairScheduler {
  private active = 0;
  private readonly activeByGroup = new Map<string, number>();
  /** Insertion order is the round-robin order; a served group moves to the back. */
  private readonly waiting = new Map<string, Array<(release: Release) => void>>();

  constructor(
    readonly limit: number,
    readonly perGroupLimit: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`limit must be a positive integer (got ${limit})`);
    }
    if (!Number.isInteger(perGroupLimit) || perGroupLimit < 1) {
      throw new RangeError(`perGroupLimit must be a positive integer (got ${perGroupLimit})`);
    }
  }

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    let count = 0;
    for (const queue of this.waiting.values()) {
      count += queue.length;
    }
    return count;
  }

  acquire(group: string): Promise<Release> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(group);
      if (queue) {
        queue.push(resolve);
      } else {
        this.waiting.set(group, [resolve]);
      }
      this.dispatch();
    });
  }

  async use<T>(group: string, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(group);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private dispatch(): void {
    while (this.active < this.limit) {
      const group = this.nextEligibleGroup();
      if (group === null) {
        return;
      }
      const queue = this.waiting.get(group) ?? [];
      const grant = queue.shift();
      this.waiting.delete(group);
      if (queue.length > 0) {
        this.waiting.set(group, queue);
      }
      if (grant === undefined) {
        continue;
      }
      this.active += 1;
      this.activeByGroup.set(group, (this.activeByGroup.get(group) ?? 0) + 1);
      grant(this.releaserFor(group));
    }
  }

  private nextEligibleGroup(): string | null {
    for (const group of this.waiting.keys()) {
      if ((this.activeByGroup.get(group) ?? 0) < Math.min(this.perGroupLimit, this.limit)) {
        return group;
      }
    }
    return null;
  }

  private releaserFor(group: string): Release {
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      this.active -= 1;
      const held = (this.activeByGroup.get(group) ?? 1) - 1;
      if (held === 0) {
        this.activeByGroup.delete(group);
      } else {
        this.activeByGroup.set(group, held);
      }
      this.dispatch();
    };
  }
}
