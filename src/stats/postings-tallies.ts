// Statistics counted from the postings themselves, for the filters the rollups do not hold: two
// or more dimension filters at once (role and country), or a filter an endpoint's rollup does not
// keep (co-occurrence by role, a skill series by company). Each rollup row holds one filter;
// keeping every pair of filters would multiply the rows ~15x, and the build is already 355 s at
// 1 M postings. Here the postings matching every filter are streamed past a tally once.
//
// The answers have the shape, order and rounding of the rollup ones (trends.sql.ts), and they are
// the same numbers: a posting is counted as rollup-build.ts counts it (its set of roles, its
// non-negated skills with their requirement, its salary's annualised midpoint). The integration
// tests compare the two wherever both can answer. Pure.

import { byText, ratio } from './answers.ts';
import type { CoSkill, Interval, RoleTrendRow, SalaryGroup, SkillSeriesRow, TopSkills } from './answers.ts';
import { periodStart, periodsOf } from './filters.ts';
import type { CompactPosting } from './rollup-build.ts';
import { byBand, salaryAnswerData } from './salary-ranges.ts';
import type { BandRow } from './salary-ranges.ts';
import { summarise } from './percentiles.ts';

/** What a tally reads of a posting (filters and flags are applied before it sees one). */
export type TalliedPosting = Pick<CompactPosting, 'day' | 'roles' | 'skills' | 'requirements' | 'currency' | 'amount' | 'country' | 'seniority'>;

/** Counts postings as they stream past; `result` gives the answer. */
export interface Tally<R> {
  /** the lists it needs read for each posting (each costs Postgres a lookup a posting) */
  reads: ReadonlyArray<'roles' | 'skills'>;
  add(p: TalliedPosting): void;
  result(): R;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** Counts descending, then key; keys with a count of 0 or less, or in `except`, left out. */
function ranked(counts: ReadonlyMap<string, number>, limit = Infinity, except: ReadonlySet<string> = new Set()): Array<[string, number]> {
  const out = [...counts].filter(([k, n]) => n > 0 && !except.has(k));
  return out.sort((a, b) => b[1] - a[1] || byText(a[0], b[0])).slice(0, limit);
}

// Per period of [from, to]: the postings counted and a count per key. `count(day)` counts a
// posting of that day and gives its period's counts, or undefined outside the range.
function perPeriod(from: string, to: string, interval: Interval) {
  const periods = periodsOf(from, to, interval);
  const at = new Map(periods.map((p, i) => [p.period, i]));
  const totals = periods.map(() => 0);
  const counts = periods.map(() => new Map<string, number>());
  const count = (day: string): Map<string, number> | undefined => {
    const i = day < from || day > to ? undefined : at.get(periodStart(day, interval));
    if (i === undefined) return undefined;
    totals[i]!++;
    return counts[i];
  };
  return { periods, totals, counts, count };
}

/** Postings per role per period of [from, to], with the share of all the postings counted in that period. */
export function roleTally(from: string, to: string, interval: Interval): Tally<RoleTrendRow[]> {
  const { periods, totals, counts, count } = perPeriod(from, to, interval);
  return {
    reads: ['roles'],
    add(p) {
      const period = count(p.day);
      if (period) for (const role of new Set(p.roles)) bump(period, role);
    },
    result: () =>
      periods.flatMap((p, i) => ranked(counts[i]!).map(([role, n]) => ({ period: p.period, role, count: n, share: ratio(n, totals[i]!) }))),
  };
}

interface SkillCounts {
  total: number;
  n: Map<string, number>;
  required: Map<string, number>;
  preferred: Map<string, number>;
}

const emptyCounts = (): SkillCounts => ({ total: 0, n: new Map(), required: new Map(), preferred: new Map() });

function addSkills(c: SkillCounts, p: TalliedPosting): void {
  c.total++;
  p.skills.forEach((s, j) => {
    bump(c.n, s);
    if (p.requirements[j] === 'required') bump(c.required, s);
    else if (p.requirements[j] === 'preferred') bump(c.preferred, s);
  });
}

/**
 * The `limit` skills most often asked for in [from, to] (count descending, then id), leaving out
 * `except` (the skills filtered on: every posting counted has them), the postings counted, and
 * the same skills' counts over `previous`.
 */
export function topSkillsTally(range: { from: string; to: string }, previous: { from: string; to: string }, limit: number, except: ReadonlySet<string>): Tally<TopSkills> {
  const now = emptyCounts();
  const before = emptyCounts();
  return {
    reads: ['skills'],
    add(p) {
      if (p.day >= range.from && p.day <= range.to) addSkills(now, p);
      else if (p.day >= previous.from && p.day <= previous.to) addSkills(before, p);
    },
    result() {
      const top = ranked(now.n, limit, except).map(([skill, count]) => ({ skill, count, required: now.required.get(skill) ?? 0, preferred: now.preferred.get(skill) ?? 0 }));
      return { top, total: now.total, previous: new Map(top.map((t) => [t.skill, before.n.get(t.skill) ?? 0])) };
    },
  };
}

/**
 * Postings per period for each of these skills (null: the `top` skills most often asked for over
 * the whole range, leaving out `except`), with the share of the postings counted in the period.
 */
export function skillSeriesTally(from: string, to: string, interval: Interval, skills: string[] | null, except: ReadonlySet<string>, top = 5): Tally<{ skills: string[]; rows: SkillSeriesRow[] }> {
  const { periods, totals, counts, count } = perPeriod(from, to, interval);
  const whole = new Map<string, number>();
  return {
    reads: ['skills'],
    add(p) {
      const period = count(p.day);
      if (!period) return;
      for (const s of p.skills) {
        bump(period, s);
        bump(whole, s);
      }
    },
    result() {
      const chosen = skills ?? ranked(whole, top, except).map(([s]) => s);
      const rows = periods.flatMap((p, i) => {
        const points = chosen.flatMap((skill) => {
          const n = counts[i]!.get(skill) ?? 0;
          return n > 0 ? [{ period: p.period, skill, count: n, share: ratio(n, totals[i]!) }] : [];
        });
        return points.sort((a, b) => b.count - a.count || byText(a.skill, b.skill));
      });
      return { skills: chosen, rows };
    },
  };
}

/**
 * The `limit` skills most often seen with `skill` in [from, to], the postings having `skill`
 * (own), and all the postings counted (total).
 */
export function cooccurrenceTally(from: string, to: string, skill: string, limit: number): Tally<{ pairs: CoSkill[]; own: number; total: number }> {
  let total = 0;
  let own = 0;
  const withSkill = new Map<string, number>();
  const every = new Map<string, number>();
  return {
    reads: ['skills'],
    add(p) {
      if (p.day < from || p.day > to) return;
      total++;
      const has = p.skills.includes(skill);
      if (has) own++;
      for (const s of p.skills) {
        bump(every, s);
        if (has) bump(withSkill, s);
      }
    },
    result: () => ({
      pairs: ranked(withSkill, limit, new Set([skill])).map(([s, count]) => ({ skill: s, count, other: every.get(s) ?? 0 })),
      own,
      total,
    }),
  };
}

// The groups a posting's salary counts in, as buildSalaryRollups groups it.
function salaryGroups(p: TalliedPosting, groupBy: SalaryGroup): readonly string[] {
  if (groupBy === 'role') return [...new Set(p.roles)];
  if (groupBy === 'skill') return p.skills;
  const v = groupBy === 'country' ? p.country : p.seniority;
  return v === null ? [] : [v];
}

/**
 * p25/p50/p75 of the annualised salary midpoints per group and currency in [from, to], as the
 * answer's data (JSON text, byte for byte what the rollup path gives).
 */
export function salaryTally(from: string, to: string, groupBy: SalaryGroup): Tally<string> {
  const hists = new Map<string, { group: string; currency: string; hist: Map<number, number> }>();
  return {
    reads: groupBy === 'role' ? ['roles'] : groupBy === 'skill' ? ['skills'] : [],
    add(p) {
      if (p.day < from || p.day > to || p.currency === null || p.amount === null) return;
      for (const group of salaryGroups(p, groupBy)) {
        const key = `${group}\u0000${p.currency}`;
        let h = hists.get(key);
        if (!h) hists.set(key, (h = { group, currency: p.currency, hist: new Map() }));
        h.hist.set(p.amount, (h.hist.get(p.amount) ?? 0) + 1);
      }
    },
    result() {
      const rows: BandRow[] = [];
      for (const { group, currency, hist } of hists.values()) {
        const s = summarise([...hist].map(([value, count]) => ({ value, count })));
        if (s.n > 0) rows.push([group, currency, s.n, s.p25, s.p50, s.p75]);
      }
      return salaryAnswerData(rows.sort(byBand));
    },
  };
}
