// Skill rankings: shares, growth against the previous period, and the rising/falling call,
// exactly as the issue 6 contract defines them. Pure.

export interface SkillCountInput {
  skill: string;
  count: number;
  required: number;
  preferred: number;
}

export type Trend = 'rising' | 'falling' | 'steady';

export interface RankedSkill {
  skill: string;
  count: number;
  share: number;
  previousCount: number;
  growth: number;
  trend: Trend;
  requiredShare: number;
  preferredShare: number;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** growth = (count - previous) / max(previous, 1). */
export function growthOf(count: number, previous: number): number {
  return round4((count - previous) / Math.max(previous, 1));
}

/** rising: growth >= 0.2 and count >= 5; falling: growth <= -0.2 and previous >= 5; else steady. */
export function trendOf(count: number, previous: number): Trend {
  const g = (count - previous) / Math.max(previous, 1);
  if (g >= 0.2 && count >= 5) return 'rising';
  if (g <= -0.2 && previous >= 5) return 'falling';
  return 'steady';
}

/** Ranked rows: share of `total` postings, growth and trend against `previous` counts. */
export function skillRanking(rows: readonly SkillCountInput[], total: number, previous: ReadonlyMap<string, number>): RankedSkill[] {
  return rows.map((r) => {
    const prev = previous.get(r.skill) ?? 0;
    return {
      skill: r.skill,
      count: r.count,
      share: total > 0 ? round4(r.count / total) : 0,
      previousCount: prev,
      growth: growthOf(r.count, prev),
      trend: trendOf(r.count, prev),
      requiredShare: r.count > 0 ? round4(r.required / r.count) : 0,
      preferredShare: r.count > 0 ? round4(r.preferred / r.count) : 0,
    };
  });
}
