import type { ReservedSql, Sql } from 'postgres';
import { writeDays, writeMonth, writeSalaryRanges, writeSkillPeriod } from './stats-rollups.sql.ts';

// Brings the statistics rollups (sql/00004, 00007, 00012) up to date. Triggers on postings append the days
// whose postings changed to stats_dirty_days; this recomputes exactly those days (and, for the
// month rollups, their months), idempotently, under an advisory lock so any number of processes
// may run it. The first run (or `full`) rebuilds every day.

// Any constant works: it only has to be the same for every refresher of this database.
const REFRESH_LOCK = 7_312_009_412;
// Days recomputed per transaction: bounds the work a crash throws away.
const CHUNK_DAYS = 16;

export interface RefreshResult {
  /** false when another process held the lock (it is refreshing now) */
  ran: boolean;
  days: number;
  months: number;
  refreshedAt: Date | null;
  ms: number;
}

export interface RefreshOptions {
  /** rebuild every day, as on the first run */
  full?: boolean;
  /** also recompute the skill (week) and salary/pair (month) rollups touched (default true) */
  months?: boolean;
}

/** Recomputes the rollups of every day (and month) whose postings changed since the last run. */
export async function refreshStats(sql: Sql, opts: RefreshOptions = {}): Promise<RefreshResult> {
  const started = performance.now();
  const conn = await sql.reserve();
  try {
    const [lock] = await conn<{ ok: boolean }[]>`select pg_try_advisory_lock(${REFRESH_LOCK}) as ok`;
    if (!lock?.ok) return { ran: false, days: 0, months: 0, refreshedAt: null, ms: performance.now() - started };
    try {
      return await refreshLocked(conn, opts, started);
    } finally {
      await conn`select pg_advisory_unlock(${REFRESH_LOCK})`;
    }
  } finally {
    conn.release();
  }
}

async function refreshLocked(conn: ReservedSql, opts: RefreshOptions, started: number): Promise<RefreshResult> {
  // Everything committed before this instant is in the rollups once the run ends.
  const [{ now, fresh } = { now: new Date(), fresh: true }] = await conn<{ now: Date; fresh: boolean }[]>`
    select clock_timestamp() as now, not exists (select 1 from stats_refresh_state) as fresh`;
  const rebuild = (opts.full ?? false) || fresh;
  const withMonths = rebuild || (opts.months ?? true);
  const days = rebuild ? await allDays(conn) : await dirtyDays(conn);
  if (rebuild) {
    await inTransaction(conn, async (tx) => {
      await tx`truncate stats_role_days, stats_skill_periods, stats_pair_months, stats_salary_months, stats_salary_ranges, stats_dirty_periods`;
      await changed(tx, 'days');
      await changed(tx, 'months');
    });
  }
  for (let i = 0; i < days.length; i += CHUNK_DAYS) {
    const chunk = days.slice(i, i + CHUNK_DAYS);
    await inTransaction(conn, async (tx) => {
      // Delete first, then read postings: a writer committing after this statement keeps its
      // dirty row, so its change is picked up by the next run rather than lost.
      await tx`delete from stats_dirty_days where day = any(${chunk}::date[])`;
      await writeDays(tx, chunk);
      await changed(tx, 'days');
      await tx`
        insert into stats_dirty_periods (kind, start)
        select distinct k, date_trunc(k, d)::date from unnest(${chunk}::date[]) as d, unnest(array['week', 'month']) as k
        on conflict do nothing`;
    });
  }
  const months = withMonths ? await refreshMonths(conn) : 0;
  if (rebuild) await compact(conn);
  await conn`
    insert into stats_refresh_state (id, refreshed_at, months_refreshed_at, days_refreshed, days_changed_at, months_changed_at)
    values (1, ${now}, ${now}, ${days.length}, ${now}, ${now})
    on conflict (id) do update set refreshed_at = excluded.refreshed_at, days_refreshed = excluded.days_refreshed,
      months_refreshed_at = case when ${withMonths} then excluded.months_refreshed_at else stats_refresh_state.months_refreshed_at end`;
  return { ran: true, days: days.length, months, refreshedAt: now, ms: performance.now() - started };
}

// Moves the stamp of a pass's rows (sql/00016) inside the transaction that rewrote them, so it
// moves with them and only then. The first run has no state row yet: its final insert sets them.
async function changed(tx: Sql, pass: 'days' | 'months'): Promise<void> {
  await (pass === 'days'
    ? tx`update stats_refresh_state set days_changed_at = clock_timestamp()`
    : tx`update stats_refresh_state set months_changed_at = clock_timestamp()`);
}

// Weeks first (skill rows), then months (skill rows, pairs, salaries); each period in its own
// transaction. Then the salary ranges holding any rewritten month, in one pass: a range spans
// months, so doing it per month would recompute the same ranges again and again.
async function refreshMonths(conn: ReservedSql): Promise<number> {
  const rows = await conn<{ kind: 'week' | 'month'; start: string }[]>`
    select kind, start::text as start from stats_dirty_periods where kind in ('week', 'month') order by kind desc, start`;
  for (const { kind, start } of rows) {
    await inTransaction(conn, async (tx) => {
      await tx`delete from stats_dirty_periods where kind = ${kind} and start = ${start}::date`;
      await (kind === 'week' ? writeSkillPeriod(tx, 'week', start) : writeMonth(tx, start));
      await changed(tx, 'months');
    });
  }
  await inTransaction(conn, async (tx) => {
    const salary = await tx<{ start: string }[]>`delete from stats_dirty_periods where kind = 'salary' returning start::text as start`;
    if ((await writeSalaryRanges(tx, salary.map((r) => r.start))) > 0) await changed(tx, 'months');
  });
  return rows.filter((r) => r.kind === 'month').length;
}

// After a rebuild the rows of one filter lie one per day page, scattered over the whole table
// (it is written day by day): an 84-day range read ~90 pages. CLUSTER puts each filter's rows
// side by side in key order (a few pages per query); later refreshes append only the days they
// touch. VACUUM ANALYZE gives the planner row counts and marks the pages all-visible.
const ROLLUPS = ['stats_role_days', 'stats_skill_periods', 'stats_pair_months', 'stats_salary_months', 'stats_salary_ranges'];
async function compact(conn: ReservedSql): Promise<void> {
  for (const table of ROLLUPS) {
    await conn.unsafe(`cluster ${table} using ${table}_pkey`);
    await conn.unsafe(`vacuum (analyze) ${table}`);
  }
}

// A reserved connection has no begin(): the advisory lock lives on it, so its transactions do too.
async function inTransaction(conn: ReservedSql, fn: (tx: Sql) => Promise<void>): Promise<void> {
  await conn.unsafe('begin');
  try {
    await fn(conn);
    await conn.unsafe('commit');
  } catch (err) {
    await conn.unsafe('rollback').catch(() => {});
    throw err;
  }
}

async function allDays(conn: ReservedSql): Promise<string[]> {
  await conn`delete from stats_dirty_days`;
  const rows = await conn<{ day: string }[]>`
    select distinct stats_posting_day(date_posted, first_seen_at)::text as day from postings where status = 'done' order by 1`;
  return rows.map((r) => r.day);
}

async function dirtyDays(conn: ReservedSql): Promise<string[]> {
  const rows = await conn<{ day: string }[]>`select distinct day::text as day from stats_dirty_days order by 1`;
  return rows.map((r) => r.day);
}

export interface RefreshState {
  /** writes committed before this are in the day rollups (null before the first refresh) */
  refreshedAt: Date | null;
  /** ... and before this, in the month rollups (salaries, skill pairs) */
  monthsRefreshedAt: Date | null;
  /** when a day row last changed (role days, skill days): kept rows of the day pass are valid until it moves */
  daysChangedAt: Date | null;
  /** when a row of the month pass last changed (skill weeks and months, pairs, salaries) */
  monthsChangedAt: Date | null;
  /** whether writes are waiting for the next refresh */
  dirty: boolean;
}

/** The rollups' lag, and whether any day is waiting to be recomputed. */
export async function statsRefreshState(sql: Sql): Promise<RefreshState> {
  const [row] = await sql<RefreshState[]>`
    select s.refreshed_at, s.months_refreshed_at, s.days_changed_at, s.months_changed_at, exists (select 1 from stats_dirty_days) as dirty
    from (select 1) as one left join stats_refresh_state s on s.id = 1`;
  return row ?? { refreshedAt: null, monthsRefreshedAt: null, daysChangedAt: null, monthsChangedAt: null, dirty: false };
}
