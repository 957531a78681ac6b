// Salary percentiles per range of whole months, precomputed (sql/00012). A salary answer is a
// function of (filter, group kind, combo, first month, last month) only, and merging the month
// histograms of every group at request time cost 0.7-2 s at 1 M postings (groupBy=skill merges
// ~1,350 groups x 4 months x hundreds of amounts). Here each group's months become one dense
// cumulative matrix (months x its distinct amounts), so any range is a difference of two rows
// and one walk finds n, p25, p50, p75 exactly as summarise() would. Pure.

import { summarise } from './percentiles.ts';

/** Months of salary rollups are first days (YYYY-MM-01); a range is [first, last] inclusive. */
export interface MonthRange {
  first: string;
  last: string;
}

/** One group's month histograms (amounts ascending, counts > 0), as stored in stats_salary_months. */
export interface GroupMonths {
  group: string;
  currency: string;
  months: Array<{ month: string; amounts: readonly number[]; counts: readonly number[] }>;
}

/** An answer row: the group, its currency, n and the three percentiles. */
export type BandRow = [group: string, currency: string, n: number, p25: number | null, p50: number | null, p75: number | null];

/**
 * Band rows as the answer's data: JSON of { group, currency, n, p25, p50, p75 } objects. Stored so
 * (sql/00014) and spliced into answers as it is, so the precomputed and the merged path agree byte
 * for byte.
 */
export function salaryAnswerData(rows: readonly BandRow[]): string {
  return JSON.stringify(rows.map(([group, currency, n, p25, p50, p75]) => ({ group, currency, n, p25, p50, p75 })));
}

/** The order salary answers have always had: n descending, then group, then currency. */
export function byBand(a: BandRow, b: BandRow): number {
  return b[2] - a[2] || a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]);
}

/** The first day of the month after `month`. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Months from `first` to `last` (first days), inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) out.push(m);
  return out;
}

/**
 * The ranges to (re)compute when `dirty` months changed: every [a, b] inside the span
 * [first, last] holding a dirty month and at most `maxMonths` long.
 */
export function rangesTouching(span: MonthRange, dirty: readonly string[], maxMonths: number): MonthRange[] {
  const months = monthsBetween(span.first, span.last);
  const hit = months.map((m) => dirty.includes(m));
  const out: MonthRange[] = [];
  for (let a = 0; a < months.length; a++) {
    let touched = false;
    for (let b = a; b < months.length && b - a < maxMonths; b++) {
      touched ||= hit[b]!;
      if (touched) out.push({ first: months[a]!, last: months[b]! });
    }
  }
  return out;
}

const PS = [0.25, 0.5, 0.75] as const;

// n and percentiles of counts over values (ascending), exactly as summarise() computes them; null
// when empty. Allocation-free apart from the answer: a full build runs it millions of times.
const wantAt = new Float64Array(6);
const gotAt = new Float64Array(6);
function bandOf(values: Float64Array, counts: Int32Array): [number, number, number, number] | null {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  if (n === 0) return null;
  for (let j = 0; j < 3; j++) {
    wantAt[2 * j] = Math.floor(PS[j]! * (n - 1));
    wantAt[2 * j + 1] = Math.ceil(PS[j]! * (n - 1));
  }
  // The 0-based positions of the expanded list, each found by one walk (they are few and close).
  let seen = 0;
  let left = 6;
  gotAt.fill(NaN);
  for (let i = 0; i < counts.length && left > 0; i++) {
    seen += counts[i]!;
    for (let j = 0; j < 6; j++) {
      if (Number.isNaN(gotAt[j]!) && wantAt[j]! < seen) {
        gotAt[j] = values[i]!;
        left--;
      }
    }
  }
  const at = (j: number) => {
    const pos = PS[j]! * (n - 1);
    const lo = gotAt[2 * j]!;
    return lo + (gotAt[2 * j + 1]! - lo) * (pos - Math.floor(pos));
  };
  return [n, at(0), at(1), at(2)];
}

// The distinct amounts of a group's months, ascending.
function distinctAmounts(g: GroupMonths): Float64Array {
  let total = 0;
  for (const m of g.months) total += m.amounts.length;
  const all = new Float64Array(total);
  let o = 0;
  for (const m of g.months) for (const a of m.amounts) all[o++] = a;
  all.sort();
  let k = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[k++] = all[i]!;
  return all.subarray(0, k);
}

/**
 * The bands of these groups for each range (ranges' months as first days): a map from
 * `${first}|${last}` to the rows with n > 0, in byBand order. Every range gets an entry, empty
 * when no group has a salary in it, so a lookup can tell "nothing" from "not computed".
 */
export function salaryRanges(groups: readonly GroupMonths[], ranges: readonly MonthRange[]): Map<string, BandRow[]> {
  const out = new Map<string, BandRow[]>(ranges.map((r) => [`${r.first}|${r.last}`, []]));
  if (ranges.length === 0) return out;
  // Month index over everything the ranges and groups mention.
  const allMonths = new Set<string>();
  for (const r of ranges) allMonths.add(r.first).add(r.last);
  for (const g of groups) for (const m of g.months) allMonths.add(m.month);
  const sorted = [...allMonths].sort();
  const months = monthsBetween(sorted[0]!, sorted[sorted.length - 1]!);
  const at = new Map(months.map((m, i) => [m, i]));
  const lists = ranges.map((r) => out.get(`${r.first}|${r.last}`)!);
  const firstAt = ranges.map((r) => at.get(r.first)!);
  const lastAt = ranges.map((r) => at.get(r.last)!);
  for (const g of groups) {
    const values = distinctAmounts(g);
    const k = values.length;
    // cum[(i + 1) * k + b]: postings at amount b in months 0..i; row 0 is all zeros.
    const cum = new Int32Array((months.length + 1) * k);
    for (const m of g.months) {
      const row = (at.get(m.month)! + 1) * k;
      // Both ascending: one forward walk places every amount.
      let b = 0;
      for (let j = 0; j < m.amounts.length; j++) {
        while (b < k && values[b] !== m.amounts[j]) b++;
        if (b === k) throw new Error(`salary histogram of ${g.group} ${g.currency} ${m.month}: amounts not ascending`);
        cum[row + b]! += m.counts[j]!;
      }
    }
    for (let i = 1; i <= months.length; i++) for (let b = 0; b < k; b++) cum[i * k + b]! += cum[(i - 1) * k + b]!;
    const diff = new Int32Array(k);
    for (let i = 0; i < ranges.length; i++) {
      const lo = firstAt[i]! * k;
      const hi = (lastAt[i]! + 1) * k;
      for (let b = 0; b < k; b++) diff[b] = cum[hi + b]! - cum[lo + b]!;
      const band = bandOf(values, diff);
      if (band) lists[i]!.push([g.group, g.currency, ...band]);
    }
  }
  for (const rows of out.values()) rows.sort(byBand);
  return out;
}

/** The bands of one range merged from month histograms directly: what salaryRanges must equal, and the API's answer for ranges longer than the kept ones. */
export function mergeBands(groups: readonly GroupMonths[], range: MonthRange): BandRow[] {
  const rows: BandRow[] = [];
  for (const g of groups) {
    const values = g.months.filter((m) => m.month >= range.first && m.month <= range.last).flatMap((m) => m.amounts.map((value, i) => ({ value, count: m.counts[i]! })));
    const s = summarise(values);
    if (s.n > 0) rows.push([g.group, g.currency, s.n, s.p25, s.p50, s.p75]);
  }
  return rows.sort(byBand);
}
