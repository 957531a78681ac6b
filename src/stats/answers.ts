// The rows statistics answers are made of, whether summed from the rollups (db/trends.sql.ts) or
// counted from the postings (postings-tallies.ts).

export type Interval = 'day' | 'week' | 'month';

export interface RoleTrendRow {
  period: string;
  role: string;
  count: number;
  share: number;
}

export interface SkillCount {
  skill: string;
  count: number;
  required: number;
  preferred: number;
}

export interface TopSkills {
  top: SkillCount[];
  /** postings matching the filters in [from, to] (with a skill filter: postings having the skill) */
  total: number;
  /** the top skills' counts over the previous range (0 when absent) */
  previous: Map<string, number>;
}

/** A skill seen with another: postings having both (count), and postings having the other (of the same filters). */
export interface CoSkill {
  skill: string;
  count: number;
  other: number;
}

export interface SkillSeriesRow {
  period: string;
  skill: string;
  count: number;
  share: number;
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

/** Shares and ratios are rounded to 4 places in every answer. */
export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
/** a / b rounded, 0 when b is 0. */
export const ratio = (a: number, b: number): number => (b > 0 ? round4(a / b) : 0);
/** Code-unit order: how answers break ties between equal counts (skill and role ids are ASCII). */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
