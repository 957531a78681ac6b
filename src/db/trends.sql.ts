import type { Sql } from 'postgres';
import { coverRange, dayNumber, periodsOf } from '../stats/filters.ts';
import type { RollupQuery } from '../stats/filters.ts';
import { EncodedJson } from '../stats/encoded-json.ts';
import { mergeBands, salaryAnswerData } from '../stats/salary-ranges.ts';
import type { BandRow, GroupMonths } from '../stats/salary-ranges.ts';
import { comboOf } from '../stats/rollup-build.ts';
import { addCounts, coversBytes, requirementsAt, topSlots } from '../stats/skill-vectors.ts';
import type { SkillSlots } from '../stats/skill-vectors.ts';
import { byText, ratio } from '../stats/answers.ts';
import type { CoSkill, Interval, RoleTrendRow, SalaryGroup, SkillCount, SkillSeriesRow, TopSkills } from '../stats/answers.ts';
import { pairRows, roleRows, skillRows } from './rollup-rows.sql.ts';
import type { RollupSource, SalaryAnswer, SkillRow } from './rollup-rows.sql.ts';
import { readSkillSlots } from './stats-rollups.sql.ts';

export type { CoSkill, Interval, RoleTrendRow, SalaryBand, SalaryGroup, SkillCount, SkillSeriesRow, TopSkills } from '../stats/answers.ts';

// Statistics queries. They read the rollups of sql/00007-8 and 00012 only (kept by stats-refresh.sql.ts),
// never postings. Every row holds one combo (all / unique, all / open-only) already summed, so
// a query reads one row per piece of its date range (months, then weeks, then days: coverRange),
// through the rows this process keeps (rollup-rows.sql.ts): only rows it does not hold are read
// from Postgres, in one round trip. Counts are summed here; Postgres only finds and ships rows.

const combo = (q: RollupQuery) => comboOf(q.unique, q.openOnly);
// JSON values are read as text and parsed here: a json column goes through the client's camel
// transform, which walks and copies every nested array (for a groupBy=skill salary range, 0.9 ms
// of API CPU, more than JSON.parse itself).
const parseJson = <T>(text: string): T => JSON.parse(text) as T;

/**
 * Postings per role per period, with the share of all postings matching the filters in that
 * period: the day rows of the range, summed per period.
 */
export async function roleTrends(src: RollupSource, q: RollupQuery, interval: Interval): Promise<RoleTrendRow[]> {
  const days = await roleRows(src, q);
  const first = dayNumber(q.from);
  const out: RoleTrendRow[] = [];
  for (const p of periodsOf(q.from, q.to, interval)) {
    let total = 0;
    const counts = new Map<string, number>();
    for (let d = dayNumber(p.from), last = dayNumber(p.to); d <= last; d++) {
      const row = days[d - first]!;
      total += row.total;
      row.roles.forEach((role, i) => counts.set(role, (counts.get(role) ?? 0) + row.n[i]!));
    }
    const ranked = [...counts].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || byText(a[0], b[0]));
    for (const [role, n] of ranked) out.push({ period: p.period, role, count: n, share: ratio(n, total) });
  }
  return out;
}

// A tagged date range of skill rows to sum.
interface SkillRange {
  tag: string;
  from: string;
  to: string;
}

// A range's sum: postings, the n plane summed, and the vectors summed (for the required and
// preferred counts of the few skills an answer names: summing those planes for every skill
// tripled the work of a top-skills answer).
interface SkillSum {
  total: number;
  n: Int32Array;
  vectors: Int32Array[];
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
 * Sums the skill rows of q's filter and combo per tagged range. `width` is the widest row's full
 * byte length, for slotsFor.
 */
async function sumSkillRows(src: RollupSource, q: RollupQuery, ranges: SkillRange[]) {
  const covers = ranges.map((range) => ({ range, pieces: coverRange(range.from, range.to) }));
  const rows = await skillRows(src, q, covers.flatMap((c) => c.pieces));
  const slotCount = slotsOfRows(rows.values());
  const sums = new Map<string, SkillSum>();
  for (const { range, pieces } of covers) {
    sums.set(range.tag, sumOf(pieces.map((p) => rows.get(p.grain + p.start)!), slotCount));
  }
  return { sums, width: 12 * slotCount };
}

function sumOf(rows: readonly SkillRow[], slotCount: number): SkillSum {
  const sum: SkillSum = { total: 0, n: new Int32Array(slotCount), vectors: [] };
  for (const row of rows) {
    sum.total += row.total;
    addCounts(sum.n, row.counts);
    sum.vectors.push(row.counts);
  }
  return sum;
}

// The slots of the widest of these vectors (three planes each).
function slotsOfRows(rows: Iterable<{ counts: Int32Array }>): number {
  let slots = 0;
  for (const r of rows) slots = Math.max(slots, r.counts.length / 3);
  return slots;
}

// A sum's counts of one slot.
function countsAt(sum: SkillSum, slots: SkillSlots, at: number): SkillCount {
  const { required, preferred } = requirementsAt(sum.vectors, at);
  return { skill: slots.names[at]!, count: sum.n[at]!, required, preferred };
}

/**
 * The `limit` skills most often asked for under the filters in [from, to] (count descending,
 * then id), the postings matching the filters, and the same skills' counts over `previous`:
 * a few dozen pre-summed rows per range, summed as vectors here.
 */
export async function topSkills(src: RollupSource, q: RollupQuery, limit: number, previous: { from: string; to: string } | null = null): Promise<TopSkills> {
  const ranges = [{ tag: 'now', from: q.from, to: q.to }, ...(previous ? [{ tag: 'before', ...previous }] : [])];
  const { sums, width } = await sumSkillRows(src, q, ranges);
  const slots = await slotsFor(src.sql, width);
  const now = sums.get('now')!;
  const top = topSlots(now.n, slots, limit);
  const before = sums.get('before')?.n;
  return {
    top: top.map((at) => countsAt(now, slots, at)),
    total: now.total,
    previous: new Map(top.map((at) => [slots.names[at]!, Math.max(before?.[at] ?? 0, 0)])),
  };
}

const monthsOf = (range: { from: string; to: string }) => periodsOf(range.from, range.to, 'month').map((p) => p.period);

// Pair rows of skill a ('' = every skill's own count) summed over months.
const sumPairs = (rows: Map<string, Map<string, SkillRow>>, a: string, months: readonly string[], slotCount: number) =>
  sumOf(months.map((m) => rows.get(a)!.get(m)!), slotCount);

/**
 * The `limit` skills most often asked for in the postings that have `skill` (from the month pair
 * rollup; q must be month-snapped), the number of those postings (total), and the same skills'
 * counts in them over `previous` (whole months).
 */
export async function topSkillsWith(src: RollupSource, q: RollupQuery, skill: string, limit: number, previous: { from: string; to: string }): Promise<TopSkills> {
  const [now, before] = [monthsOf(q), monthsOf(previous)];
  const rows = await pairRows(src, combo(q), [skill], [...now, ...before]);
  const slotCount = slotsOfRows(rows.get(skill)!.values());
  const slots = await slotsFor(src.sql, 12 * slotCount, [skill]);
  const own = slots.slot.get(skill) ?? -1; // -1: a skill no posting has had yet
  const sum = sumPairs(rows, skill, now, slotCount);
  const prev = sumPairs(rows, skill, before, slotCount).n;
  const top = topSlots(sum.n, slots, limit, own);
  return {
    top: top.map((at) => countsAt(sum, slots, at)),
    total: own >= 0 ? (sum.n[own] ?? 0) : 0,
    previous: new Map(top.map((at) => [slots.names[at]!, prev[at]!])),
  };
}

/**
 * The `limit` skills most often seen with `skill`, postings having `skill` (own), and the
 * postings matching the filters (total), over whole months (q month-snapped, unfiltered). The
 * total comes from the skill month rows, refreshed with the pair rows, so a lift never mixes two
 * refreshes. Only the n planes: share and lift need no required/preferred counts.
 */
export async function cooccurring(src: RollupSource, q: RollupQuery, skill: string, limit: number): Promise<{ pairs: CoSkill[]; own: number; total: number }> {
  const months = monthsOf(q);
  const [totals, rows] = await Promise.all([
    skillRows(src, q, months.map((start) => ({ grain: 'm' as const, start }))),
    pairRows(src, combo(q), [skill, ''], months),
  ]);
  const slotCount = Math.max(slotsOfRows(rows.get(skill)!.values()), slotsOfRows(rows.get('')!.values()));
  const slots = await slotsFor(src.sql, 12 * slotCount, [skill]);
  const at = slots.slot.get(skill) ?? -1; // -1: a skill no posting has had yet
  const [withSkill, every] = [sumPairs(rows, skill, months, slotCount).n, sumPairs(rows, '', months, slotCount).n];
  let total = 0;
  for (const row of totals.values()) total += row.total;
  const pairs = topSlots(withSkill, slots, limit, at).map((i) => ({ skill: slots.names[i]!, count: withSkill[i]!, other: every[i]! }));
  return { pairs, own: at >= 0 ? (withSkill[at] ?? 0) : 0, total };
}

/**
 * Postings per period for each of these skills (null: the `top` skills most often asked for over
 * the whole range, ranked as topSkills ranks them), with the share of all postings matching the
 * filters. One read: the periods partition [from, to], so their sums also rank the range.
 */
export async function skillSeries(src: RollupSource, q: RollupQuery, interval: Interval, skills: string[] | null, top = 5): Promise<{ skills: string[]; rows: SkillSeriesRow[] }> {
  const periods = periodsOf(q.from, q.to, interval).map((p) => ({ period: p.period, pieces: coverRange(p.from, p.to) }));
  const rows = await skillRows(src, q, periods.flatMap((p) => p.pieces));
  const slotCount = slotsOfRows(rows.values());
  const slots = await slotsFor(src.sql, 12 * slotCount, skills ?? []);
  let chosen = skills;
  if (chosen === null) {
    // The periods partition the range, so their rows (each once) sum to it.
    const all = new Int32Array(slotCount);
    for (const row of rows.values()) addCounts(all, row.counts);
    chosen = topSlots(all, slots, top).map((at) => slots.names[at]!);
  }
  const at = chosen.map((skill) => slots.slot.get(skill) ?? -1); // -1: a skill no posting has had yet
  const out: SkillSeriesRow[] = [];
  for (const { period, pieces } of periods) {
    let total = 0;
    const counts = chosen.map(() => 0);
    for (const p of pieces) {
      const { total: postings, counts: v } = rows.get(p.grain + p.start)!;
      total += postings;
      at.forEach((slot, i) => {
        if (slot >= 0 && slot < v.length / 3) counts[i]! += v[slot]!;
      });
    }
    const points = chosen.flatMap((skill, i) => (counts[i]! > 0 ? [{ period, skill, count: counts[i]!, share: ratio(counts[i]!, total) }] : []));
    out.push(...points.sort((a, b) => b.count - a.count || byText(a.skill, b.skill)));
  }
  return { skills: chosen, rows: out };
}

/**
 * p25/p50/p75 of annualised salary midpoints per group and currency (q month-snapped), as the
 * answer's data: JSON text of SalaryBand[] (salaryAnswerData). One row of the precomputed ranges
 * (sql/00012, 00014), its text as stored, the range clipped to the months that have salaries;
 * ranges longer than the kept ones (or not built yet) are merged from the month histograms. Kept
 * by the process as month rows are (rollup-rows.sql.ts): a skill-grouped answer is ~250 KB.
 */
export async function salaryBands(src: RollupSource, q: RollupQuery, groupBy: SalaryGroup): Promise<EncodedJson> {
  const key = `a\u0000${q.facet.kind}\u0000${q.facet.value}\u0000${groupBy}\u0000${combo(q)}\u0000${q.from}\u0000${q.to}`;
  const kept = await src.rows.rows<SalaryAnswer>(new Map([[key, src.stamps.ofMonths(monthsOf(q))]]), async () => {
    const [hit] = await src.sql<{ first: string | null; last: string | null; data: string | null }[]>`
      select s.first::text as first, s.last::text as last, r.data::text as data
      from (select greatest(min(month), ${q.from}::date) as first, least(max(month), date_trunc('month', ${q.to}::date)::date) as last
            from stats_salary_months) s
      left join stats_salary_ranges r
        on r.f_kind = ${q.facet.kind} and r.f_val = ${q.facet.value} and r.g_kind = ${groupBy} and r.combo = ${combo(q)}
        and r.first_month = s.first and r.last_month = s.last`;
    const empty = !hit?.first || !hit.last || hit.first > hit.last;
    const text = empty ? '[]' : (hit.data ?? salaryAnswerData(await mergedBands(src.sql, q, groupBy)));
    return new Map([[key, { json: EncodedJson.of(text) }]]);
  });
  return kept.get(key)!.json;
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
