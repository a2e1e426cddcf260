interface Waiter {
  grant: () => void;
  refuse: () => void;
  timer: NodeJS.Timeout | null;
}

/** A semaphore whose waiters give up after a deadline, and whose limit may change while in use. */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiters: Waiter[] = [];

  constructor(private currentLimit: number) {
    this.setLimit(currentLimit);
  }

  get limit(): number {
    return this.currentLimit;
  }

  get inUse(): number {
    return this.active;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** A `tryAcquire` now would be granted at once. */
  get hasFreeSlot(): boolean {
    return this.active < this.currentLimit && this.waiters.length === 0;
  }

  get isIdle(): boolean {
    return this.active === 0 && this.waiters.length === 0;
  }

  setLimit(limit: number): void {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`limit must be a positive integer (got ${limit})`);
    }
    this.currentLimit = limit;
    this.grantWaiting();
  }

  /** Resolves true once a slot is held (call `release` later), false if none freed up within `timeoutMs`. */
  tryAcquire(timeoutMs: number): Promise<boolean> {
    if (this.active < this.currentLimit && this.waiters.length === 0) {
      this.active += 1;
      return Promise.resolve(true);
    }
    if (timeoutMs <= 0) {
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        grant: () => {
          if (waiter.timer) {
            clearTimeout(waiter.timer);
          }
          resolve(true);
        },
        refuse: () => resolve(false),
        timer: null,
      };
      waiter.refuse = () => {
        if (waiter.timer) {
          clearTimeout(waiter.timer);
        }
        resolve(false);
      };
      waiter.timer = setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) {
          this.waiters.splice(index, 1);
        }
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Every waiter gives up now (its `tryAcquire` resolves false); slots in use are untouched. */
  refuseWaiting(): number {
    const refused = this.waiters.splice(0, this.waiters.length);
    for (const waiter of refused) {
      waiter.refuse();
    }
    return refused.length;
  }

  release(): void {
    this.active = Math.max(0, this.active - 1);
    this.grantWaiting();
  }

  private grantWaiting(): void {
    while (this.active < this.currentLimit) {
      const next = this.waiters.shift();
      if (!next) {
        return;
      }
      this.active += 1;
      next.grant();
    }
  }
}
