import type { Sql } from 'postgres';
import { coverRange, periodsOf } from '../stats/filters.ts';
import type { RollupQuery } from '../stats/filters.ts';
import { mergeBands, salaryAnswerData } from '../stats/salary-ranges.ts';
import type { BandRow, GroupMonths } from '../stats/salary-ranges.ts';
import { comboOf } from '../stats/rollup-build.ts';
import type { SkillArrays } from '../stats/rollup-build.ts';
import { addCounts, addSkills, coversBytes, decodeCounts, decodeSkills } from '../stats/skill-vectors.ts';
import type { SkillSlots, SkillTotal } from '../stats/skill-vectors.ts';
import { readSkillSlots } from './stats-rollups.sql.ts';

// Statistics queries. They read the rollups of sql/00007-8 and 00012 only (kept by stats-refresh.sql.ts),
// never postings. Every row holds one combo (all / unique, all / open-only) already summed, so
// a query reads one primary-key range, or one row per piece of its date range (months, then
// weeks, then days: coverRange), and each endpoint makes one round trip where it can. Skill
// counts are dense vectors (skill-vectors.ts) summed here; Postgres only finds and ships rows.

export type Interval = 'day' | 'week' | 'month';

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const ratio = (a: number, b: number) => (b > 0 ? round4(a / b) : 0);
const combo = (q: RollupQuery) => comboOf(q.unique, q.openOnly);
// Code-unit order, as the answers have always been sorted (skill and role ids are ASCII).
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// JSON values are read as text and parsed here: a json column goes through the client's camel
// transform, which walks and copies every nested array (for a groupBy=skill salary range, 0.9 ms
// of API CPU, more than JSON.parse itself).
const parseJson = <T>(text: string): T => JSON.parse(text) as T;

export interface RoleTrendRow {
  period: string;
  role: string;
  count: number;
  share: number;
}

/**
 * Postings per role per period, with the share of all postings matching the filters in that
 * period. Postgres sums the day rows per period (a few hundred role counts): done in Node, the
 * per-row date arithmetic and map updates cost more than the query, and the API's single thread
 * is what saturates first under load, not Postgres.
 */
export async function roleTrends(sql: Sql, q: RollupQuery, interval: Interval): Promise<RoleTrendRow[]> {
  // One JSON value: parsing Postgres array literals row by row cost more than the query.
  const [{ json } = { json: '[]' }] = await sql<{ json: string }[]>`
    with d as (
      select date_trunc(${interval}, day::timestamp)::date as period, total, roles, n from stats_role_days
      where f_kind = ${q.facet.kind} and f_val = ${q.facet.value} and combo = ${combo(q)} and day between ${q.from}::date and ${q.to}::date
    ), totals as (
      select period, sum(total)::int as total from d group by period
    ), roles as (
      select period, array_agg(role) as roles, array_agg(n) as n
      from (select d.period, u.role, sum(u.n)::int as n from d, unnest(d.roles, d.n) as u(role, n) group by 1, 2) r
      where n > 0 group by period
    )
    select coalesce(json_agg(json_build_array(t.period, t.total, r.roles, r.n) order by t.period), '[]')::text as json
    from totals t left join roles r using (period)`;
  const rows = parseJson<Array<[string, number, string[] | null, number[] | null]>>(json);
  const out: RoleTrendRow[] = [];
  for (const [period, total, roles, n] of rows) {
    if (!roles || !n) continue;
    const order = roles.map((_, i) => i).sort((a, b) => n[b]! - n[a]! || byText(roles[a]!, roles[b]!));
    for (const i of order) out.push({ period, role: roles[i]!, count: n[i]!, share: ratio(n[i]!, total) });
  }
  return out;
}

export interface SkillCount {
  skill: string;
  count: number;
  required: number;
  preferred: number;
}

// A tagged date range of skill rows to sum; `full` when its required/preferred counts are used,
// else only the n plane is read (a third of the bytes: sql/00013).
interface SkillRange {
  tag: string;
  from: string;
  to: string;
  full: boolean;
}

// The skill rows covering each tagged range, as parallel arrays for an unnest join.
function pieces(ranges: SkillRange[]) {
  const grains: string[] = [];
  const starts: string[] = [];
  const tags: string[] = [];
  const planes: number[] = [];
  for (const r of ranges) {
    for (const p of coverRange(r.from, r.to)) grains.push(p.grain), starts.push(p.start), tags.push(r.tag), planes.push(r.full ? 3 : 1);
  }
  return { grains, starts, tags, planes };
}

// The skill slots, read once per process and again only when a vector or a skill id outgrows them.
const slotCache = new WeakMap<Sql, SkillSlots>();
async function slotsFor(sql: Sql, widest: number, skills: readonly string[] = []): Promise<SkillSlots> {
  const cached = slotCache.get(sql);
  if (cached && coversBytes(cached, widest) && skills.every((s) => cached.slot.has(s))) return cached;
  const slots = await readSkillSlots(sql);
  slotCache.set(sql, slots);
  return slots;
}

/**
 * Sums the skill rows of q's filter and combo per tagged range: total postings and a vector each,
 * three planes (skill-vectors.ts) for a full range, else the n plane only. `width` is the widest
 * row's full byte length, for slotsFor. Shipping only the n plane where it is enough cuts an
 * 84-day top-skills miss (with its previous period) from ~234 KB of hex text to ~157 KB and a
 * weekly series from ~137 KB to ~46 KB: bytea arrives as hex text, and decoding it was a quarter
 * of the API's CPU per miss (API CPU per miss, 1 M postings: skills ~2.5 -> ~2.2 ms, weekly
 * series ~2.6 -> ~1.6 ms, daily series ~5.5 -> ~3.6 ms).
 */
async function sumSkillRows(sql: Sql, q: RollupQuery, ranges: SkillRange[]) {
  const p = pieces(ranges);
  const rows = await sql<Array<{ tag: string; total: number; full: boolean; counts: Buffer }>>`
    select p.tag, s.total, p.planes = 3 as full, case when p.planes = 3 then s.counts else substring(s.counts from 1 for length(s.counts) / 3) end as counts
    from unnest(${p.grains}::"char"[], ${p.starts}::date[], ${p.tags}::text[], ${p.planes}::int[]) as p(grain, start, tag, planes)
    join stats_skill_periods s
      on s.f_kind = ${q.facet.kind} and s.f_val = ${q.facet.value} and s.combo = ${combo(q)} and s.grain = p.grain and s.start = p.start`;
  // slots of the widest row
  const slotCount = rows.reduce((w, r) => Math.max(w, r.counts.byteLength / (r.full ? 12 : 4)), 0);
  const sums = new Map<string, { total: number; counts: Int32Array }>(
    ranges.map((r) => [r.tag, { total: 0, counts: new Int32Array(r.full ? 3 * slotCount : slotCount) }]),
  );
  for (const r of rows) {
    const t = sums.get(r.tag)!;
    t.total += r.total;
    if (r.full) addSkills(t.counts, r.counts);
    else addCounts(t.counts, r.counts);
  }
  return { sums, width: 12 * slotCount };
}

const toCounts = (a: SkillArrays): SkillCount[] => a.skills.map((skill, i) => ({ skill, count: a.n[i]!, required: a.required[i]!, preferred: a.preferred[i]! }));
const byCount = (a: Pick<SkillCount, 'skill' | 'count'>, b: Pick<SkillCount, 'skill' | 'count'>) => b.count - a.count || byText(a.skill, b.skill);

export interface TopSkills {
  top: SkillCount[];
  /** postings matching the filters in [from, to] */
  total: number;
  /** the top skills' counts over `previous` (0 when absent) */
  previous: Map<string, number>;
}

/**
 * The `limit` skills most often asked for under the filters in [from, to] (count descending,
 * then id), the postings matching the filters, and the same skills' counts over `previous`: one
 * statement reading a few dozen pre-summed rows, summed as vectors here.
 */
export async function topSkills(sql: Sql, q: RollupQuery, limit: number, previous: { from: string; to: string } | null = null): Promise<TopSkills> {
  const ranges = [{ tag: 'now', from: q.from, to: q.to, full: true }, ...(previous ? [{ tag: 'before', ...previous, full: false }] : [])];
  const { sums, width } = await sumSkillRows(sql, q, ranges);
  const slots = await slotsFor(sql, width);
  const now = sums.get('now')!;
  const top = toCounts(decodeSkills(now.counts, slots)).sort(byCount).slice(0, limit);
  const before = sums.get('before');
  return {
    top,
    total: now.total,
    previous: new Map(top.map((t) => [t.skill, before ? Math.max(before.counts[slots.slot.get(t.skill)!] ?? 0, 0) : 0])),
  };
}

// Pair rollup sums over whole months (q month-snapped) for each skill a asked for ('' = every
// skill's own count), in one statement.
async function pairSums(sql: Sql, q: RollupQuery, skillsA: string[]): Promise<Map<string, SkillCount[]>> {
  const rows = await sql<Array<{ skillA: string; counts: Buffer }>>`
    select skill_a, counts from stats_pair_months
    where skill_a = any(${skillsA}::text[]) and combo = ${combo(q)} and month between ${q.from}::date and ${q.to}::date`;
  const width = rows.reduce((w, r) => Math.max(w, r.counts.byteLength), 0);
  const slots = await slotsFor(sql, width);
  const sums = new Map<string, Int32Array>(skillsA.map((a) => [a, new Int32Array(width >> 2)]));
  for (const r of rows) addSkills(sums.get(r.skillA)!, r.counts);
  return new Map([...sums].map(([a, v]) => [a, toCounts(decodeSkills(v, slots)).sort(byCount)]));
}

/**
 * Skills of the postings that have `skill`, from the month pair rollup (q must be month-snapped);
 * the skill's own row is included: its count is the number of postings having it.
 */
export async function skillsWith(sql: Sql, q: RollupQuery, skill: string, limit: number | null): Promise<SkillCount[]> {
  const all = (await pairSums(sql, q, [skill])).get(skill)!;
  return limit === null ? all : all.slice(0, limit);
}

/**
 * skillsWith(skill)'s counts, every skill's own posting count, and the postings matching the
 * filters (total), over whole months, in one statement. The total comes from the skill month rows,
 * refreshed with the pair rows, so a lift never mixes two refreshes.
 */
export async function cooccurring(sql: Sql, q: RollupQuery, skill: string): Promise<{ pairs: SkillTotal[]; counts: Map<string, number>; total: number }> {
  // Plain rows, not arrays: postgres.js parses an array result character by character. Only the
  // n planes (sql/00013): share and lift need no required/preferred counts, and bytea arrives as
  // hex text, so the whole vectors cost three times the decoding.
  const rows = await sql<Array<{ total: number; skillA: string | null; counts: Buffer | null }>>`
    select t.total, p.skill_a, substring(p.counts from 1 for length(p.counts) / 3) as counts
    from (select coalesce(sum(total), 0)::int as total from stats_skill_periods
          where f_kind = '' and f_val = '' and combo = ${combo(q)} and grain = 'm' and start between ${q.from}::date and ${q.to}::date) t
    left join stats_pair_months p
      on p.skill_a = any(${[skill, '']}::text[]) and p.combo = ${combo(q)} and p.month between ${q.from}::date and ${q.to}::date`;
  const vectors = rows.flatMap((r) => (r.counts === null ? [] : [{ own: r.skillA === skill, counts: r.counts }]));
  const slotCount = vectors.reduce((w, v) => Math.max(w, v.counts.byteLength >> 2), 0);
  const slots = await slotsFor(sql, 12 * slotCount);
  const own = new Int32Array(slotCount);
  const every = new Int32Array(slotCount);
  for (const v of vectors) addCounts(v.own ? own : every, v.counts);
  const pairs = decodeCounts(own, slots).sort(byCount);
  const counts = new Map(decodeCounts(every, slots).map((c) => [c.skill, c.count]));
  return { pairs, counts, total: rows[0]?.total ?? 0 };
}

export interface SkillSeriesRow {
  period: string;
  skill: string;
  count: number;
  share: number;
}

/**
 * Postings per period for each of these skills (null: the `top` skills most often asked for over
 * the whole range, ranked as topSkills ranks them), with the share of all postings matching the
 * filters. One read: the periods partition [from, to], so their sums also rank the range.
 */
export async function skillSeries(sql: Sql, q: RollupQuery, interval: Interval, skills: string[] | null, top = 5): Promise<{ skills: string[]; rows: SkillSeriesRow[] }> {
  const ranges = periodsOf(q.from, q.to, interval).map((p) => ({ tag: p.period, from: p.from, to: p.to, full: false }));
  const { sums, width } = await sumSkillRows(sql, q, ranges);
  const slots = await slotsFor(sql, width, skills ?? []);
  let chosen = skills;
  if (chosen === null) {
    const all = new Int32Array(width / 12);
    for (const { counts } of sums.values()) for (let i = 0; i < counts.length; i++) all[i]! += counts[i]!;
    const ranked = all.length < slots.names.length ? slots.names.slice(0, all.length) : slots.names;
    chosen = ranked
      .flatMap((skill, i) => (all[i]! > 0 ? [{ skill, count: all[i]! }] : []))
      .sort(byCount)
      .slice(0, top)
      .map((c) => c.skill);
  }
  const out: SkillSeriesRow[] = [];
  for (const [period, { total, counts }] of sums) {
    const rows: SkillSeriesRow[] = [];
    for (const skill of chosen) {
      const at = slots.slot.get(skill);
      const count = at === undefined ? 0 : (counts[at] ?? 0);
      if (count > 0) rows.push({ period, skill, count, share: ratio(count, total) });
    }
    out.push(...rows.sort((a, b) => b.count - a.count || byText(a.skill, b.skill)));
  }
  return { skills: chosen, rows: out.sort((a, b) => byText(a.period, b.period)) };
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

/**
 * p25/p50/p75 of annualised salary midpoints per group and currency (q month-snapped), as the
 * answer's data: JSON text of SalaryBand[] (salaryAnswerData). One row of the precomputed ranges
 * (sql/00012, 00014), its text as stored, the range clipped to the months that have salaries;
 * ranges longer than the kept ones (or not built yet) are merged from the month histograms.
 */
export async function salaryBands(sql: Sql, q: RollupQuery, groupBy: SalaryGroup): Promise<string> {
  const [hit] = await sql<{ first: string | null; last: string | null; data: string | null }[]>`
    select s.first::text as first, s.last::text as last, r.data::text as data
    from (select greatest(min(month), ${q.from}::date) as first, least(max(month), date_trunc('month', ${q.to}::date)::date) as last
          from stats_salary_months) s
    left join stats_salary_ranges r
      on r.f_kind = ${q.facet.kind} and r.f_val = ${q.facet.value} and r.g_kind = ${groupBy} and r.combo = ${combo(q)}
      and r.first_month = s.first and r.last_month = s.last`;
  if (!hit?.first || !hit.last || hit.first > hit.last) return '[]';
  return hit.data ?? salaryAnswerData(await mergedBands(sql, q, groupBy));
}

// The month histograms of the range merged here (mergeBands, the oracle the precomputed ranges
// are tested against): for ranges longer than MAX_RANGE_MONTHS.
async function mergedBands(sql: Sql, q: RollupQuery, groupBy: SalaryGroup): Promise<BandRow[]> {
  // One JSON value: postgres.js parses bigint arrays element by element into strings.
  const [{ json } = { json: '[]' }] = await sql<{ json: string }[]>`
    select coalesce(json_agg(json_build_array(g_val, currency, month, amounts, counts)), '[]')::text as json from stats_salary_months
    where f_kind = ${q.facet.kind} and f_val = ${q.facet.value} and g_kind = ${groupBy} and combo = ${combo(q)}
      and month between ${q.from}::date and ${q.to}::date`;
  const groups = new Map<string, GroupMonths>();
  for (const [gVal, currency, month, amounts, counts] of parseJson<Array<[string, string, string, number[], number[]]>>(json)) {
    const key = `${gVal}\u0000${currency}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { group: gVal, currency, months: [] }));
    g.months.push({ month, amounts, counts });
  }
  return mergeBands([...groups.values()], { first: q.from, last: q.to });
}
