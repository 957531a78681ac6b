import type { Sql } from 'postgres';
import { countSkillPairs } from '../stats/skill-pairs.ts';
import type { PairPosting } from '../stats/skill-pairs.ts';

// Skill co-occurrence per month: 25 skills a posting make 600 ordered pairs, which Postgres would
// join and hash row by row; counting them in typed arrays here is an order of magnitude faster.

const WRITE_CHUNK = 20_000;

/** Replaces one month's rows of stats_skill_pairs with counts from its analysed postings. */
export async function writeSkillPairs(tx: Sql, month: string): Promise<number> {
  await tx`delete from stats_skill_pairs where month = ${month}::date`;
  const postings = await tx<PairPosting[]>`
    select p.duplicate_of is not null as dup, p.closed_at is null as open,
           array_agg(s.skill order by s.skill) as skills, array_agg(s.requirement order by s.skill) as requirements
    from postings p join posting_skills s on s.posting_id = p.id and not s.negated
    where p.status = 'done'
      and stats_posting_day(p.date_posted, p.first_seen_at) >= ${month}::date
      and stats_posting_day(p.date_posted, p.first_seen_at) < (${month}::date + interval '1 month')
    group by p.id`;
  const rows = countSkillPairs(postings);
  // Flags go as 0/1: postgres.js sends a JS boolean[] as one boolean.
  for (let i = 0; i < rows.skillA.length; i += WRITE_CHUNK) {
    const end = i + WRITE_CHUNK;
    await tx`
      insert into stats_skill_pairs (skill_a, month, skill_b, dup, open, n, n_required, n_preferred)
      select a, ${month}::date, b, d <> 0, o <> 0, n, r, p
      from unnest(${rows.skillA.slice(i, end)}::text[], ${rows.skillB.slice(i, end)}::text[], ${rows.dup.slice(i, end).map(Number)}::int[],
                  ${rows.open.slice(i, end).map(Number)}::int[], ${rows.n.slice(i, end)}::int[], ${rows.required.slice(i, end)}::int[],
                  ${rows.preferred.slice(i, end)}::int[]) as t(a, b, d, o, n, r, p)`;
  }
  return rows.skillA.length;
}
