// When the rollup rows of each period last changed, as an API process knows it (sql/00017). A
// kept rollup row (db/rollup-rows.sql.ts) is valid for the stamp of its own period: a day's rows
// for that day's, a week's for that week's, a month's (skill months, pairs, salary months) for
// that month's. A refresh that rewrites today's rows, or this month's, then leaves every other
// kept row alone. With one stamp per pass, each catch-up made every day row be read again, and
// each month pass every week and month row: a cold second after each, at 50 concurrent misses
// p99 up to ~300 ms.
//
// The process reads the changes after the last one it saw, once a second (a few rows, usually
// none); a rebuild (which truncates every rollup) moves the base stamp, and then every
// kept row is read again. Pure.

/** One period's change as stored: grain d (day rows), w (week rows) or m (month rows), first day, when (ISO). */
export interface PeriodChange {
  grain: string;
  start: string;
  changedAt: string;
}

export class PeriodStamps {
  private constructor(
    /** when the rollups were last rebuilt (null before the first build) */
    readonly base: string | null,
    private readonly at: ReadonlyMap<string, string>,
    // Per month, the latest change of any of its days: role rows are kept a month of days at a time.
    private readonly daysOfMonth: ReadonlyMap<string, string>,
    /** the latest change known (the next read asks for changes after it) */
    readonly seen: string | null,
  ) {}

  /** No period changed since the rebuild at `base`. */
  static since(base: string | null): PeriodStamps {
    return new PeriodStamps(base, new Map(), new Map(), null);
  }

  /**
   * These stamps with `changes` (any order; a period keeps its latest) applied: a new object, so
   * a request holds one moment's stamps for all the rows it reads.
   */
  with(changes: readonly PeriodChange[]): PeriodStamps {
    if (changes.length === 0) return this;
    const at = new Map(this.at);
    const daysOfMonth = new Map(this.daysOfMonth);
    let seen = this.seen ?? '';
    for (const c of changes) {
      const key = c.grain + c.start;
      if ((at.get(key) ?? '') < c.changedAt) at.set(key, c.changedAt);
      if (c.grain === 'd') {
        const month = `${c.start.slice(0, 7)}-01`;
        if ((daysOfMonth.get(month) ?? '') < c.changedAt) daysOfMonth.set(month, c.changedAt);
      }
      if (seen < c.changedAt) seen = c.changedAt;
    }
    return new PeriodStamps(this.base, at, daysOfMonth, seen);
  }

  /** The stamp of one period's rows. */
  of(grain: 'd' | 'w' | 'm', start: string): string {
    return `${this.base}|${this.at.get(grain + start) ?? ''}`;
  }

  /** The stamp of the day rows of the month starting `month`, taken together. */
  ofDaysIn(month: string): string {
    return `${this.base}|${this.daysOfMonth.get(month) ?? ''}`;
  }

  /** The stamp of the month rows of [from, to] (months' first days) taken together: the latest of them. */
  ofMonths(months: readonly string[]): string {
    let latest = '';
    for (const m of months) {
      const t = this.at.get(`m${m}`) ?? '';
      if (t > latest) latest = t;
    }
    return `${this.base}|${latest}`;
  }
}
