import type { ReservedSql, Sql } from 'postgres';
import { PeriodStamps } from '../stats/period-stamps.ts';
import type { PeriodChange } from '../stats/period-stamps.ts';
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
      // Every row is gone: no kept row is valid, whatever its period.
      await tx`delete from stats_period_changes`;
      await tx`update stats_refresh_state set rebuilt_at = clock_timestamp()`;
    });
  }
  for (let i = 0; i < days.length; i += CHUNK_DAYS) {
    const chunk = days.slice(i, i + CHUNK_DAYS);
    await inTransaction(conn, async (tx) => {
      // Delete first, then read postings: a writer committing after this statement keeps its
      // dirty row, so its change is picked up by the next run rather than lost.
      await tx`delete from stats_dirty_days where day = any(${chunk}::date[])`;
      await writeDays(tx, chunk);
      await stampPeriods(tx, 'd', chunk);
      await tx`
        insert into stats_dirty_periods (kind, start)
        select distinct k, date_trunc(k, d)::date from unnest(${chunk}::date[]) as d, unnest(array['week', 'month']) as k
        on conflict do nothing`;
    });
  }
  const months = withMonths ? await refreshMonths(conn) : 0;
  if (rebuild) await compact(conn);
  await conn`
    insert into stats_refresh_state (id, refreshed_at, months_refreshed_at, days_refreshed, rebuilt_at)
    values (1, ${now}, ${now}, ${days.length}, ${now})
    on conflict (id) do update set refreshed_at = excluded.refreshed_at, days_refreshed = excluded.days_refreshed,
      months_refreshed_at = case when ${withMonths} then excluded.months_refreshed_at else stats_refresh_state.months_refreshed_at end`;
  return { ran: true, days: days.length, months, refreshedAt: now, ms: performance.now() - started };
}

// Stamps the periods whose rows a transaction rewrote (sql/00017), inside it, so a stamp moves
// with the rows and only then. Runs hold the refresh lock, so stamps grow in commit order: a
// reader that has seen a stamp has seen every change committed before it.
async function stampPeriods(tx: Sql, grain: 'd' | 'w' | 'm', starts: readonly string[]): Promise<void> {
  if (starts.length === 0) return;
  await tx`
    insert into stats_period_changes (grain, start, changed_at)
    select ${grain}, d, clock_timestamp() from unnest(${starts as string[]}::date[]) as d
    on conflict (grain, start) do update set changed_at = excluded.changed_at`;
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
      await stampPeriods(tx, kind === 'week' ? 'w' : 'm', [start]);
    });
  }
  await inTransaction(conn, async (tx) => {
    const salary = await tx<{ start: string }[]>`delete from stats_dirty_periods where kind = 'salary' returning start::text as start`;
    const months = salary.map((r) => r.start);
    // A salary answer is kept under the stamps of the months it spans: stamping the months again
    // moves it past the ranges rewritten here (their months' own rows moved a moment before).
    if ((await writeSalaryRanges(tx, months)) > 0) await stampPeriods(tx, 'm', months);
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
// Plans are made for each run's own days and table size: a generic plan cached while the
// database was small would seq-scan postings ever after (as the write path's repost lookup did,
// see writeAnalyses), and a refresh is a few statements, so planning each costs nothing.
async function inTransaction(conn: ReservedSql, fn: (tx: Sql) => Promise<void>): Promise<void> {
  await conn.unsafe('begin');
  try {
    await conn.unsafe('set local plan_cache_mode = force_custom_plan');
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
  /** when a rebuild last replaced every rollup row: kept rows from before it are not valid */
  rebuiltAt: Date | null;
  /** whether writes are waiting for the next refresh */
  dirty: boolean;
}

/** The rollups' lag, and whether any day is waiting to be recomputed. */
export async function statsRefreshState(sql: Sql): Promise<RefreshState> {
  const [row] = await sql<RefreshState[]>`
    select s.refreshed_at, s.months_refreshed_at, s.rebuilt_at, exists (select 1 from stats_dirty_days) as dirty
    from (select 1) as one left join stats_refresh_state s on s.id = 1`;
  return row ?? { refreshedAt: null, monthsRefreshedAt: null, rebuiltAt: null, dirty: false };
}

/**
 * The periods' change stamps as of now, for rollups rebuilt at `rebuiltAt`: `known` with the
 * changes after the last it saw, or, when the rollups were rebuilt since (or nothing is known
 * yet), every change since the rebuild.
 */
export async function readPeriodStamps(sql: Sql, rebuiltAt: Date | null, known: PeriodStamps = PeriodStamps.since(null)): Promise<PeriodStamps> {
  const base = rebuiltAt?.toISOString() ?? null;
  const from = known.base === base ? known : PeriodStamps.since(base);
  return from.with(await periodChanges(sql, from.seen));
}

/** The periods whose rollup rows changed after `since` (all of them with null), oldest change first. */
async function periodChanges(sql: Sql, since: string | null): Promise<PeriodChange[]> {
  // Microseconds, as stored, both ways (text: the client sends a timestamptz parameter through a
  // JS Date): in milliseconds, the last change would be "after" itself on every read.
  const rows = await sql<PeriodChange[]>`
    select grain, start::text as start, to_char(changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as changed_at from stats_period_changes
    where ${since === null ? sql`true` : sql`changed_at > ${since}::text::timestamptz`} order by changed_at`;
  return rows;
}
