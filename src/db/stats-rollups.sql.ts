import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Sql } from 'postgres';
import { copyLine } from '../stats/copy-text.ts';
import { buildPairRollups, buildRoleRollups, buildSalaryRollups, buildSkillDays, pairCombos, roleCombos, salaryCombos, skillDayCombos } from '../stats/rollup-build.ts';
import type { CompactPosting } from '../stats/rollup-build.ts';

// Reads compact postings, counts in memory (src/stats/rollup-build.ts), and replaces a period's
// rollup rows (sql/00007: one row per combo) with COPY. Days: roles and skills; weeks and months:
// sums of their skill days; months also: skill pairs and salaries.

/** The analysed postings of these days (or of [from, to]) with what the rollups need. */
export async function readCompactPostings(sql: Sql, range: { days: string[] } | { from: string; to: string }): Promise<CompactPosting[]> {
  const where =
    'days' in range
      ? sql`stats_posting_day(p.date_posted, p.first_seen_at) = any(${range.days}::date[])`
      : sql`stats_posting_day(p.date_posted, p.first_seen_at) between ${range.from}::date and ${range.to}::date`;
  return sql<CompactPosting[]>`
    select stats_posting_day(p.date_posted, p.first_seen_at)::text as day,
           p.duplicate_of is not null as dup, p.closed_at is null as open, p.industries, lower(p.company) as company,
           p.country, p.workplace, p.seniority, p.source,
           coalesce((select array_agg(r.role) from posting_roles r where r.posting_id = p.id), '{}') as roles,
           coalesce(s.skills, '{}') as skills, coalesce(s.requirements, '{}') as requirements,
           p.salary->>'currency' as currency,
           (round((coalesce((p.salary->>'annualMin')::numeric, (p.salary->>'annualMax')::numeric)
                 + coalesce((p.salary->>'annualMax')::numeric, (p.salary->>'annualMin')::numeric)) / 200) * 100)::float8 as amount
    from postings p
    left join lateral (
      select array_agg(skill) as skills, array_agg(requirement) as requirements
      from posting_skills where posting_id = p.id and not negated
    ) s on true
    where p.status = 'done' and ${where}`;
}

async function copyInto(sql: Sql, table: string, columns: readonly string[], lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const CHUNK = 1000;
  async function* chunks() {
    for (let i = 0; i < lines.length; i += CHUNK) yield lines.slice(i, i + CHUNK).join('');
  }
  const writable = await sql.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
  await pipeline(Readable.from(chunks()), writable);
}

const SKILL_COLUMNS = ['f_kind', 'f_val', 'combo', 'grain', 'start', 'total', 'skills', 'n', 'n_required', 'n_preferred'];

/** Replaces the role and skill day rows of these days. */
export async function writeDays(sql: Sql, days: string[]): Promise<void> {
  await sql`delete from stats_role_days where day = any(${days}::date[])`;
  await sql`delete from stats_skill_periods where grain = 'd' and start = any(${days}::date[])`;
  const postings = await readCompactPostings(sql, { days });
  const roles = roleCombos(buildRoleRollups(postings)).map((r) => copyLine([r.fKind, r.fVal, r.combo, r.day, r.total, r.roles, r.n]));
  await copyInto(sql, 'stats_role_days', ['f_kind', 'f_val', 'combo', 'day', 'total', 'roles', 'n'], roles);
  const skills = skillDayCombos(buildSkillDays(postings)).map((r) =>
    copyLine([r.fKind, r.fVal, r.combo, 'd', r.period, r.total, r.skills, r.n, r.required, r.preferred]),
  );
  await copyInto(sql, 'stats_skill_periods', SKILL_COLUMNS, skills);
}

/**
 * Replaces the skill rows of the week starting Monday `start` (or the month starting `start`)
 * with the sums of its day rows, in Postgres: the days' arrays never travel to Node.
 */
export async function writeSkillPeriod(sql: Sql, kind: 'week' | 'month', start: string): Promise<void> {
  const grain = kind === 'week' ? 'w' : 'm';
  await sql`delete from stats_skill_periods where grain = ${grain} and start = ${start}::date`;
  await sql`
    with d as (
      select f_kind, f_val, combo, total, skills, n, n_required, n_preferred from stats_skill_periods
      where grain = 'd' and start >= ${start}::date and start < (${start}::date + ${kind === 'week' ? '7 days' : '1 month'}::interval)::date
    ), totals as (
      select f_kind, f_val, combo, sum(total)::int as total from d group by 1, 2, 3
    ), sums as (
      select f_kind, f_val, combo, u.skill, sum(u.n)::int as n, sum(u.r)::int as r, sum(u.p)::int as p
      from d, unnest(skills, n, n_required, n_preferred) as u(skill, n, r, p) group by 1, 2, 3, 4
    )
    insert into stats_skill_periods (f_kind, f_val, combo, grain, start, total, skills, n, n_required, n_preferred)
    select t.f_kind, t.f_val, t.combo, ${grain}, ${start}::date, t.total,
           coalesce(array_agg(s.skill) filter (where s.skill is not null), '{}'),
           coalesce(array_agg(s.n) filter (where s.skill is not null), '{}'),
           coalesce(array_agg(s.r) filter (where s.skill is not null), '{}'),
           coalesce(array_agg(s.p) filter (where s.skill is not null), '{}')
    from totals t left join sums s using (f_kind, f_val, combo)
    group by t.f_kind, t.f_val, t.combo, t.total`;
}

/** Replaces the skill month row, and the pair and salary rows, of the month starting `month`. */
export async function writeMonth(sql: Sql, month: string): Promise<void> {
  const [{ end } = { end: month }] = await sql<{ end: string }[]>`select ((${month}::date + interval '1 month')::date - 1)::text as end`;
  await writeSkillPeriod(sql, 'month', month);
  await sql`delete from stats_pair_months where month = ${month}::date`;
  await sql`delete from stats_salary_months where month = ${month}::date`;
  const postings = await readCompactPostings(sql, { from: month, to: end });
  const pairs = pairCombos(buildPairRollups(postings)).map((r) => copyLine([r.skillA, r.combo, month, r.skills, r.n, r.required, r.preferred]));
  await copyInto(sql, 'stats_pair_months', ['skill_a', 'combo', 'month', 'skills', 'n', 'n_required', 'n_preferred'], pairs);
  const salaries = salaryCombos(buildSalaryRollups(postings)).map((r) =>
    copyLine([r.fKind, r.fVal, r.gKind, r.combo, month, r.gVal, r.currency, r.amounts, r.counts]),
  );
  await copyInto(sql, 'stats_salary_months', ['f_kind', 'f_val', 'g_kind', 'combo', 'month', 'g_val', 'currency', 'amounts', 'counts'], salaries);
}
