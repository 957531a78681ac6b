/**
 * Collects items and writes them in batches: when `maxSize` items are waiting or `maxWaitMs` after
 * the first one arrived, whichever comes first. `add` resolves only once its item is written, so a
 * job completes only after its result is in the database, and a failed batch fails every job in it
 * (they are retried). Batching turns hundreds of round trips into one.
 */
export class BatchWriter<T> {
  private pending: Array<{ item: T; resolve: () => void; reject: (err: unknown) => void }> = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<void>>();

  /**
   * @param producers how many callers could still add to the batch now (a worker's jobs in
   *   flight). Once every one of them is waiting on the batch, waiting longer cannot fill it, so
   *   it is written at once: a lone recruiter's posting is not held for `maxWaitMs`.
   */
  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxSize: number,
    private readonly maxWaitMs: number,
    private readonly producers: () => number = () => Infinity,
  ) {}

  /** Queues one item; resolves when the batch holding it has been written. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.flushIfFull()) this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  /** Writes the batch now if it is full or every producer is waiting on it; says whether it did. */
  flushIfFull(): boolean {
    const n = this.pending.length;
    if (n === 0 || (n < this.maxSize && n < this.producers())) return false;
    void this.flush();
    return true;
  }

  /** Writes what is waiting now. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return Promise.resolve();
    const done = this.write(batch.map((b) => b.item)).then(
      () => batch.forEach((b) => b.resolve()),
      (err: unknown) => batch.forEach((b) => b.reject(err)),
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
    return done;
  }

  /** Writes everything still waiting and waits for writes in flight. */
  async close(): Promise<void> {
    await this.flush();
    await Promise.all(this.inFlight);
  }
}
