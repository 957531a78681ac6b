import type { ReservedSql, Sql } from 'postgres';
import { writeSkillPairs } from './stats-pairs.sql.ts';

// Brings the statistics rollups (sql/00004) up to date. Triggers on postings append the days
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
  /** also recompute the month rollups of the months touched (default true) */
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
    await conn`truncate stats_totals, stats_roles, stats_skills, stats_skill_pairs, stats_salaries, stats_dirty_months`;
  }
  for (let i = 0; i < days.length; i += CHUNK_DAYS) {
    const chunk = days.slice(i, i + CHUNK_DAYS);
    await inTransaction(conn, async (tx) => {
      // Delete first, then read postings: a writer committing after this statement keeps its
      // dirty row, so its change is picked up by the next run rather than lost.
      await tx`delete from stats_dirty_days where day = any(${chunk}::date[])`;
      await recomputeDays(tx, chunk);
      await tx`
        insert into stats_dirty_months (month)
        select distinct date_trunc('month', d)::date from unnest(${chunk}::date[]) as d
        on conflict do nothing`;
    });
  }
  const months = withMonths ? await refreshMonths(conn) : 0;
  await conn`
    insert into stats_refresh_state (id, refreshed_at, months_refreshed_at, days_refreshed) values (1, ${now}, ${now}, ${days.length})
    on conflict (id) do update set refreshed_at = excluded.refreshed_at, days_refreshed = excluded.days_refreshed,
      months_refreshed_at = case when ${withMonths} then excluded.months_refreshed_at else stats_refresh_state.months_refreshed_at end`;
  return { ran: true, days: days.length, months, refreshedAt: now, ms: performance.now() - started };
}

async function refreshMonths(conn: ReservedSql): Promise<number> {
  const rows = await conn<{ month: string }[]>`select month::text as month from stats_dirty_months order by 1`;
  for (const { month } of rows) {
    await inTransaction(conn, async (tx) => {
      await tx`delete from stats_dirty_months where month = ${month}::date`;
      await recomputeSalaries(tx, month);
      await writeSkillPairs(tx, month);
    });
  }
  return rows.length;
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

// The postings of these days, one row per (posting, filter it answers): the shared input of the
// per-day rollups, built once per chunk. Company is lower case: the filter is case-insensitive.
async function recomputeDays(tx: Sql, days: string[]): Promise<void> {
  await tx`delete from stats_totals where day = any(${days}::date[])`;
  await tx`delete from stats_roles where day = any(${days}::date[])`;
  await tx`delete from stats_skills where day = any(${days}::date[])`;
  await tx`
    create temp table stats_p on commit drop as
    select id, stats_posting_day(date_posted, first_seen_at) as day, duplicate_of is not null as dup,
           closed_at is null as open, industries, lower(company) as company, country, workplace, seniority, source
    from postings
    where status = 'done' and stats_posting_day(date_posted, first_seen_at) = any(${days}::date[])`;
  await tx`
    create temp table stats_f on commit drop as
    select id, day, dup, open, ''::text as k, ''::text as v from stats_p
    union all select p.id, day, dup, open, 'role', r.role from stats_p p join posting_roles r on r.posting_id = p.id
    union all select p.id, day, dup, open, 'skill', s.skill from stats_p p join posting_skills s on s.posting_id = p.id and not s.negated
    union all select distinct id, day, dup, open, 'industry', i from stats_p, unnest(industries) as i
    union all select id, day, dup, open, 'company', company from stats_p where company is not null
    union all select id, day, dup, open, 'country', country from stats_p where country is not null
    union all select id, day, dup, open, 'workplace', workplace from stats_p where workplace is not null
    union all select id, day, dup, open, 'seniority', seniority from stats_p where seniority is not null
    union all select id, day, dup, open, 'source', source from stats_p`;
  await tx`
    insert into stats_totals (f_kind, f_val, day, dup, open, n)
    select k, v, day, dup, open, count(*) from stats_f group by k, v, day, dup, open`;
  await tx`
    insert into stats_roles (f_kind, f_val, day, role, dup, open, n)
    select f.k, f.v, f.day, r.role, f.dup, f.open, count(*)
    from stats_f f join posting_roles r on r.posting_id = f.id
    group by f.k, f.v, f.day, r.role, f.dup, f.open`;
  // Skill x skill lives in stats_skill_pairs; per-company skill rows would outnumber postings.
  await tx`
    insert into stats_skills (f_kind, f_val, day, skill, dup, open, n, n_required, n_preferred)
    select f.k, f.v, f.day, s.skill, f.dup, f.open, count(*),
           count(*) filter (where s.requirement = 'required'), count(*) filter (where s.requirement = 'preferred')
    from stats_f f join posting_skills s on s.posting_id = f.id and not s.negated
    where f.k not in ('skill', 'company')
    group by f.k, f.v, f.day, s.skill, f.dup, f.open`;
}

// Annualised midpoints, rounded to 100 units, per filter, group and currency. Grouping by skill
// is kept without a dimension filter only: 25 skills a posting times every filter is too many rows.
async function recomputeSalaries(tx: Sql, month: string): Promise<void> {
  await tx`delete from stats_salaries where month = ${month}::date`;
  await tx`
    with p as (
      select id, duplicate_of is not null as dup, closed_at is null as open, industries, country, workplace, seniority, source,
             salary->>'currency' as currency,
             round((coalesce((salary->>'annualMin')::numeric, (salary->>'annualMax')::numeric)
                  + coalesce((salary->>'annualMax')::numeric, (salary->>'annualMin')::numeric)) / 200) * 100 as amount
      from postings
      where status = 'done' and salary->>'currency' is not null
        and coalesce(salary->>'annualMin', salary->>'annualMax') is not null
        and stats_posting_day(date_posted, first_seen_at) >= ${month}::date
        and stats_posting_day(date_posted, first_seen_at) < (${month}::date + interval '1 month')
    ), f as (
      select p.*, ''::text as k, ''::text as v from p
      union all select p.*, 'role', r.role from p join posting_roles r on r.posting_id = p.id
      union all select distinct p.*, 'industry', i from p, unnest(p.industries) as i
      union all select p.*, 'country', country from p where country is not null
      union all select p.*, 'workplace', workplace from p where workplace is not null
      union all select p.*, 'seniority', seniority from p where seniority is not null
      union all select p.*, 'source', source from p
    ), g as (
      select f.k, f.v, 'role' as g_kind, r.role as g_val, f.currency, f.amount, f.dup, f.open from f join posting_roles r on r.posting_id = f.id
      union all select k, v, 'country', country, currency, amount, dup, open from f where country is not null
      union all select k, v, 'seniority', seniority, currency, amount, dup, open from f where seniority is not null
      union all select f.k, f.v, 'skill', s.skill, f.currency, f.amount, f.dup, f.open
        from f join posting_skills s on s.posting_id = f.id and not s.negated where f.k = ''
    )
    insert into stats_salaries (f_kind, f_val, g_kind, month, g_val, currency, amount, dup, open, n)
    select k, v, g_kind, ${month}::date, g_val, currency, amount, dup, open, count(*)
    from g group by k, v, g_kind, g_val, currency, amount, dup, open`;
}

export interface RefreshState {
  /** writes committed before this are in the day rollups (null before the first refresh) */
  refreshedAt: Date | null;
  /** ... and before this, in the month rollups (salaries, skill pairs) */
  monthsRefreshedAt: Date | null;
  /** whether writes are waiting for the next refresh */
  dirty: boolean;
}

/** The rollups' lag, and whether any day is waiting to be recomputed. */
export async function statsRefreshState(sql: Sql): Promise<RefreshState> {
  const [row] = await sql<RefreshState[]>`
    select s.refreshed_at, s.months_refreshed_at, exists (select 1 from stats_dirty_days) as dirty
    from (select 1) as one left join stats_refresh_state s on s.id = 1`;
  return row ?? { refreshedAt: null, monthsRefreshedAt: null, dirty: false };
}
