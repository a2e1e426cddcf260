/** A small LRU map: the least recently used entry goes once `capacity` is reached. */
export class BoundedCache<Key, Value> {
  private readonly entries = new Map<Key, Value>();

  constructor(
    private readonly capacity: number,
    /** Called with each entry the capacity pushes out (not with replaced values). */
    private readonly onEvict: (value: Value, key: Key) => void = () => undefined,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: Key): Value | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  values(): IterableIterator<Value> {
    return this.entries.values();
  }

  set(key: Key, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) {
        const evicted = this.entries.get(oldest.value) as Value;
        this.entries.delete(oldest.value);
        this.onEvict(evicted, oldest.value);
      }
    }
  }
}
