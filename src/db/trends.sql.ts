import type { Sql } from 'postgres';
import type { RollupQuery } from '../stats/filters.ts';
import { summarise } from '../stats/percentiles.ts';

// Statistics queries. They read the rollups of sql/00004 only (kept by stats-refresh.sql.ts),
// never postings: each is one index range per filter, summed over days and the two flags.

export type Interval = 'day' | 'week' | 'month';

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const ratio = (a: number, b: number) => (b > 0 ? round4(a / b) : 0);

// The flags as conditions: unique skips reposts, open skips closed postings.
function flags(sql: Sql, q: RollupQuery) {
  return sql`${q.unique ? sql`and not dup` : sql``} ${q.openOnly ? sql`and open` : sql``}`;
}

/** Postings matching the filters per period (the denominator of every share). */
export async function totalsByPeriod(sql: Sql, q: RollupQuery, interval: Interval): Promise<Map<string, number>> {
  const rows = await sql<{ period: string; n: number }[]>`
    select to_char(date_trunc(${interval}, day), 'YYYY-MM-DD') as period, sum(n)::int as n
    from stats_totals
    where f_kind = ${q.facet.kind} and f_val = ${q.facet.value} and day between ${q.from}::date and ${q.to}::date ${flags(sql, q)}
    group by 1`;
  return new Map(rows.map((r) => [r.period, r.n]));
}

/** Postings matching the filters in [from, to]. */
export async function totalPostings(sql: Sql, q: RollupQuery): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select coalesce(sum(n), 0)::int as n from stats_totals
    where f_kind = ${q.facet.kind} and f_val = ${q.facet.value} and day between ${q.from}::date and ${q.to}::date ${flags(sql, q)}`;
  return row?.n ?? 0;
}

export interface RoleTrendRow {
  period: string;
  role: string;
  count: number;
  share: number;
}

/** Postings per role per period, with the share of all postings matching the filters in that period. */
export async function roleTrends(sql: Sql, q: RollupQuery, interval: Interval): Promise<RoleTrendRow[]> {
  const [rows, totals] = await Promise.all([
    sql<{ period: string; role: string; n: number }[]>`
      select to_char(date_trunc(${interval}, day), 'YYYY-MM-DD') as period, role, sum(n)::int as n
      from stats_roles
      where f_kind = ${q.facet.kind} and f_val = ${q.facet.value} and day between ${q.from}::date and ${q.to}::date ${flags(sql, q)}
      group by 1, 2 order by 1, 3 desc, 2`,
    totalsByPeriod(sql, q, interval),
  ]);
  return rows.map((r) => ({ period: r.period, role: r.role, count: r.n, share: ratio(r.n, totals.get(r.period) ?? 0) }));
}

export interface SkillCount {
  skill: string;
  count: number;
  required: number;
  preferred: number;
}

/** The `limit` skills most often asked for under the filters (not the skill filter: see skillsWith). */
export async function topSkills(sql: Sql, q: RollupQuery, limit: number): Promise<SkillCount[]> {
  return sql<SkillCount[]>`
    select skill, sum(n)::int as count, sum(n_required)::int as required, sum(n_preferred)::int as preferred
    from stats_skills
    where f_kind = ${q.facet.kind} and f_val = ${q.facet.value} and day between ${q.from}::date and ${q.to}::date ${flags(sql, q)}
    group by skill order by count desc, skill limit ${limit}`;
}

/** Postings per skill in [from, to] for just these skills (the previous period's counts). */
export async function skillCounts(sql: Sql, q: RollupQuery, skills: string[]): Promise<Map<string, number>> {
  if (skills.length === 0) return new Map();
  const rows = await sql<{ skill: string; n: number }[]>`
    select skill, sum(n)::int as n from stats_skills
    where f_kind = ${q.facet.kind} and f_val = ${q.facet.value} and skill = any(${skills}::text[])
      and day between ${q.from}::date and ${q.to}::date ${flags(sql, q)}
    group by skill`;
  return new Map(rows.map((r) => [r.skill, r.n]));
}

/**
 * Skills of the postings that have `skill`, from the month pair rollup (q must be month-snapped);
 * the skill's own row is included: its count is the number of postings having it.
 */
export async function skillsWith(sql: Sql, q: RollupQuery, skill: string, limit: number | null): Promise<SkillCount[]> {
  return sql<SkillCount[]>`
    select skill_b as skill, sum(n)::int as count, sum(n_required)::int as required, sum(n_preferred)::int as preferred
    from stats_skill_pairs
    where skill_a = ${skill} and month between ${q.from}::date and ${q.to}::date ${flags(sql, q)}
    group by skill_b order by count desc, skill_b ${limit === null ? sql`` : sql`limit ${limit}`}`;
}

/** Postings per skill for every skill over whole months (each skill's own pair row). */
export async function monthSkillCounts(sql: Sql, q: RollupQuery): Promise<Map<string, number>> {
  const rows = await sql<{ skill: string; n: number }[]>`
    select skill_a as skill, sum(n)::int as n from stats_skill_pairs
    where skill_a = skill_b and month between ${q.from}::date and ${q.to}::date ${flags(sql, q)}
    group by skill_a`;
  return new Map(rows.map((r) => [r.skill, r.n]));
}

export interface SkillSeriesRow {
  period: string;
  skill: string;
  count: number;
  share: number;
}

/** Postings per period for each of these skills, with the share of all postings matching the filters. */
export async function skillSeries(sql: Sql, q: RollupQuery, interval: Interval, skills: string[]): Promise<SkillSeriesRow[]> {
  const [rows, totals] = await Promise.all([
    sql<{ period: string; skill: string; n: number }[]>`
      select to_char(date_trunc(${interval}, day), 'YYYY-MM-DD') as period, skill, sum(n)::int as n
      from stats_skills
      where f_kind = ${q.facet.kind} and f_val = ${q.facet.value} and skill = any(${skills}::text[])
        and day between ${q.from}::date and ${q.to}::date ${flags(sql, q)}
      group by 1, 2 order by 1, 3 desc, 2`,
    totalsByPeriod(sql, q, interval),
  ]);
  return rows.map((r) => ({ period: r.period, skill: r.skill, count: r.n, share: ratio(r.n, totals.get(r.period) ?? 0) }));
}

export type SalaryGroup = 'role' | 'skill' | 'country' | 'seniority';

export interface SalaryBand {
  group: string;
  currency: string;
  n: number;
  p25: number | null;
  p50: number | null;
  p75: number | null;
}

/** p25/p50/p75 of annualised salary midpoints per group and currency (q month-snapped). */
export async function salaryBands(sql: Sql, q: RollupQuery, groupBy: SalaryGroup): Promise<SalaryBand[]> {
  const rows = await sql<{ group: string; currency: string; amount: string; n: number }[]>`
    select g_val as group, currency, amount, sum(n)::int as n
    from stats_salaries
    where f_kind = ${q.facet.kind} and f_val = ${q.facet.value} and g_kind = ${groupBy}
      and month between ${q.from}::date and ${q.to}::date ${flags(sql, q)}
    group by 1, 2, 3`;
  const groups = new Map<string, { group: string; currency: string; values: Array<{ value: number; count: number }> }>();
  for (const r of rows) {
    const key = `${r.group}\u0000${r.currency}`;
    const g = groups.get(key) ?? { group: r.group, currency: r.currency, values: [] };
    g.values.push({ value: Number(r.amount), count: r.n });
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ group: g.group, currency: g.currency, ...summarise(g.values) }))
    .sort((a, b) => b.n - a.n || a.group.localeCompare(b.group) || a.currency.localeCompare(b.currency));
}
