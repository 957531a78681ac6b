// A small LRU whose entries are valid only for the stamp they were stored at (the rollups'
// refreshedAt): once the rollups move, every older entry misses and is replaced on the next
// read. It holds finished answers (weighed one each) and rollup rows (weighed in bytes).
//
// Least recently used by second chance (CLOCK): a hit only marks its entry, and eviction passes
// over a marked entry once, moving it to the back. Moving every hit to the back of the Map
// instead cost 5% of the API's CPU for a skills answer, which reads 40-80 rows.

/** Bounded map by key, each value tagged with the stamp it was read or computed at. */
export class StampedLru<V> {
  private readonly entries = new Map<string, { stamp: string | null; value: V; weight: number; hit: boolean }>();
  private used = 0;

  /** `capacity` in the units of `weigh` (by default one per entry). */
  constructor(
    private readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  /** The value stored for `key` at `stamp`, or undefined. */
  get(key: string, stamp: string | null): V | undefined {
    const e = this.entries.get(key);
    if (!e || e.stamp !== stamp) return undefined;
    e.hit = true;
    return e.value;
  }

  /** Stores a value, evicting the least recently used beyond capacity. */
  set(key: string, stamp: string | null, value: V): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.used -= old.weight;
    }
    const weight = this.weigh(value);
    this.entries.set(key, { stamp, value, weight, hit: false });
    this.used += weight;
    while (this.used > this.capacity) {
      const [oldest, e] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      if (e.hit && e.weight <= this.capacity) {
        e.hit = false;
        this.entries.set(oldest, e);
      } else {
        this.used -= e.weight;
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** the weight of every entry kept (bytes, where weighed in bytes) */
  get weight(): number {
    return this.used;
  }
}
