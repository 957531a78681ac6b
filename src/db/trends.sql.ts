import type { Sql } from 'postgres';
import { periodsOf, splitRange } from '../stats/filters.ts';
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

// Sums run in Postgres (unnest of the role / skill arrays): parsing every row's arrays in
// JavaScript cost more than the whole query.

/** Postings matching the filters per period (the denominator of every share). */
export async function totalsByPeriod(sql: Sql, q: RollupQuery, interval: Interval): Promise<Map<string, number>> {
  const rows = await sql<{ period: string; n: number }[]>`
    select to_char(date_trunc(${interval}, day), 'YYYY-MM-DD') as period, sum(total)::int as n
    from stats_day_roles
    where f_kind = ${q.facet.kind} and f_val = ${q.facet.value} and day between ${q.from}::date and ${q.to}::date ${flags(sql, q)}
    group by 1`;
  return new Map(rows.map((r) => [r.period, r.n]));
}

/** Postings matching the filters in [from, to]. */
export async function totalPostings(sql: Sql, q: RollupQuery): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select coalesce(sum(total), 0)::int as n from stats_day_roles
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
      select to_char(date_trunc(${interval}, day), 'YYYY-MM-DD') as period, u.role, sum(u.n)::int as n
      from stats_day_roles, unnest(roles, n) as u(role, n)
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

// Skill counts of the skill rollups summed per label: whole weeks from the week table, edge days
// from the day table; `label` maps each week / day to the period it feeds (or one label for all).
async function skillSums(
  sql: Sql,
  q: RollupQuery,
  weeks: string[],
  days: string[],
  label: Map<string, string> | null,
  only: string[] | null = null,
): Promise<Array<SkillCount & { period: string }>> {
  const labels = label ? [...label] : [];
  return sql<Array<SkillCount & { period: string }>>`
    with picked as (
      select 'w' || week::text as src, skills, n, n_required, n_preferred from stats_skill_weeks
      where f_kind = ${q.facet.kind} and f_val = ${q.facet.value} and week = any(${weeks}::date[]) ${flags(sql, q)}
      union all
      select 'd' || day::text, skills, n, n_required, n_preferred from stats_skill_days
      where f_kind = ${q.facet.kind} and f_val = ${q.facet.value} and day = any(${days}::date[]) ${flags(sql, q)}
    ), labels as (
      select * from unnest(${labels.map((l) => l[0])}::text[], ${labels.map((l) => l[1])}::text[]) as l(src, period)
    )
    select coalesce(l.period, '') as period, u.skill, sum(u.n)::int as count, sum(u.r)::int as required, sum(u.p)::int as preferred
    from picked left join labels l on l.src = picked.src, unnest(skills, n, n_required, n_preferred) as u(skill, n, r, p)
    ${only === null ? sql`` : sql`where u.skill = any(${only}::text[])`}
    group by 1, 2`;
}

const byCount = (a: SkillCount, b: SkillCount) => b.count - a.count || (a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0);

/** Counts of every skill under the filters in [from, to] (not the skill filter: see skillsWith). */
export async function skillTotals(sql: Sql, q: RollupQuery): Promise<Map<string, SkillCount>> {
  const { weeks, days } = splitRange(q.from, q.to);
  const rows = await skillSums(sql, q, weeks, days, null);
  return new Map(rows.map(({ period: _p, ...c }) => [c.skill, c]));
}

/** The `limit` skills most often asked for under the filters. */
export async function topSkills(sql: Sql, q: RollupQuery, limit: number): Promise<SkillCount[]> {
  return [...(await skillTotals(sql, q)).values()].sort(byCount).slice(0, limit);
}

/** Postings per skill in [from, to] for just these skills (the previous period's counts). */
export async function skillCounts(sql: Sql, q: RollupQuery, skills: string[]): Promise<Map<string, number>> {
  const { weeks, days } = splitRange(q.from, q.to);
  const rows = await skillSums(sql, q, weeks, days, null, skills);
  const counts = new Map(rows.map((r) => [r.skill, r.count]));
  return new Map(skills.map((s) => [s, counts.get(s) ?? 0]));
}

// The pair rollup for skill_a over whole months (q month-snapped), summed per skill.
async function pairSums(sql: Sql, q: RollupQuery, skillA: string): Promise<Map<string, SkillCount>> {
  const rows = await sql<SkillCount[]>`
    select u.skill, sum(u.n)::int as count, sum(u.r)::int as required, sum(u.p)::int as preferred
    from stats_skill_pairs, unnest(skills, n, n_required, n_preferred) as u(skill, n, r, p)
    where skill_a = ${skillA} and month between ${q.from}::date and ${q.to}::date ${flags(sql, q)}
    group by u.skill`;
  return new Map(rows.map((r) => [r.skill, r]));
}

/**
 * Skills of the postings that have `skill`, from the month pair rollup (q must be month-snapped);
 * the skill's own row is included: its count is the number of postings having it.
 */
export async function skillsWith(sql: Sql, q: RollupQuery, skill: string, limit: number | null): Promise<SkillCount[]> {
  const all = [...(await pairSums(sql, q, skill)).values()].sort(byCount);
  return limit === null ? all : all.slice(0, limit);
}

/** Postings per skill for every skill over whole months. */
export async function monthSkillCounts(sql: Sql, q: RollupQuery): Promise<Map<string, number>> {
  return new Map([...(await pairSums(sql, q, '')).values()].map((c) => [c.skill, c.count]));
}

export interface SkillSeriesRow {
  period: string;
  skill: string;
  count: number;
  share: number;
}

/** Postings per period for each of these skills, with the share of all postings matching the filters. */
export async function skillSeries(sql: Sql, q: RollupQuery, interval: Interval, skills: string[]): Promise<SkillSeriesRow[]> {
  // Each period of the range is whole weeks plus edge days; remember which period a row feeds.
  const owner = new Map<string, string>();
  const weeks: string[] = [];
  const days: string[] = [];
  for (const p of periodsOf(q.from, q.to, interval)) {
    const split = splitRange(p.from, p.to);
    for (const w of split.weeks) owner.set(`w${w}`, p.period), weeks.push(w);
    for (const d of split.days) owner.set(`d${d}`, p.period), days.push(d);
  }
  const [rows, totals] = await Promise.all([skillSums(sql, q, weeks, days, owner, skills), totalsByPeriod(sql, q, interval)]);
  const wanted = new Set(skills);
  return rows
    .filter((r) => wanted.has(r.skill))
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : byCount(a, b)))
    .map((r) => ({ period: r.period, skill: r.skill, count: r.count, share: ratio(r.count, totals.get(r.period) ?? 0) }));
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
  const rows = await sql<{ gVal: string; currency: string; amounts: string[]; counts: number[] }[]>`
    select g_val, currency, amounts, counts from stats_salaries
    where f_kind = ${q.facet.kind} and f_val = ${q.facet.value} and g_kind = ${groupBy}
      and month between ${q.from}::date and ${q.to}::date ${flags(sql, q)}`;
  const groups = new Map<string, { group: string; currency: string; values: Array<{ value: number; count: number }> }>();
  for (const r of rows) {
    const key = `${r.gVal}\u0000${r.currency}`;
    const g = groups.get(key) ?? { group: r.gVal, currency: r.currency, values: [] };
    r.amounts.forEach((a, i) => g.values.push({ value: Number(a), count: r.counts[i]! }));
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ group: g.group, currency: g.currency, ...summarise(g.values) }))
    .sort((a, b) => b.n - a.n || a.group.localeCompare(b.group) || a.currency.localeCompare(b.currency));
}
