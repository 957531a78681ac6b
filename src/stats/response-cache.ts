// A small LRU of finished answers. An entry is valid only for the refreshedAt it was computed
// at: once the rollups move, every older answer misses (and is replaced on the next request).

export interface CachedAnswer {
  body: string;
  etag: string;
}

/** Bounded map of answers by normalised query, each tagged with the rollups' version. */
export class ResponseCache {
  private readonly entries = new Map<string, { version: string | null; answer: CachedAnswer }>();

  constructor(private readonly capacity: number) {}

  /** The answer for `key` computed at `version`, or undefined. */
  get(key: string, version: string | null): CachedAnswer | undefined {
    const e = this.entries.get(key);
    if (!e || e.version !== version) return undefined;
    // Map keeps insertion order: re-inserting marks it most recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.answer;
  }

  /** Stores an answer, evicting the least recently used beyond capacity. */
  set(key: string, version: string | null, answer: CachedAnswer): void {
    this.entries.delete(key);
    this.entries.set(key, { version, answer });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
