// A small LRU whose entries are valid only for the stamp they were stored at (the rollups'
// refreshedAt): once the rollups move, every older entry misses and is replaced on the next
// read. It holds finished answers (weighed one each) and rollup rows (weighed in bytes).

/** Bounded map by key, each value tagged with the stamp it was read or computed at. */
export class StampedLru<V> {
  private readonly entries = new Map<string, { stamp: string | null; value: V; weight: number }>();
  private weight = 0;

  /** `capacity` in the units of `weigh` (by default one per entry). */
  constructor(
    private readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  /** The value stored for `key` at `stamp`, or undefined. */
  get(key: string, stamp: string | null): V | undefined {
    const e = this.entries.get(key);
    if (!e || e.stamp !== stamp) return undefined;
    // Map keeps insertion order: re-inserting marks it most recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** Stores a value, evicting the least recently used beyond capacity. */
  set(key: string, stamp: string | null, value: V): void {
    this.delete(key);
    const weight = this.weigh(value);
    this.entries.set(key, { stamp, value, weight });
    this.weight += weight;
    while (this.weight > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  private delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.weight -= e.weight;
  }

  get size(): number {
    return this.entries.size;
  }
}
