import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Sql } from 'postgres';
import { copyLine } from '../stats/copy-text.ts';
import { buildPairRollups, buildRoleRollups, buildSalaryRollups, buildSkillDays, sumSkillWeek } from '../stats/rollup-build.ts';
import type { CompactPosting, SkillRow } from '../stats/rollup-build.ts';

// Reads compact postings, counts in memory (src/stats/rollup-build.ts), and replaces a period's
// rollup rows with COPY. Days: roles and skills; weeks: sums of their skill days; months: skill
// pairs and salaries.

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

const SKILL_COLUMNS = ['f_kind', 'f_val', 'dup', 'open', 'skills', 'n', 'n_required', 'n_preferred'];
const skillValues = (r: SkillRow) => [r.fKind, r.fVal, r.dup, r.open, r.skills, r.n, r.required, r.preferred];

/** Replaces the role and skill day rows of these days. */
export async function writeDays(sql: Sql, days: string[]): Promise<void> {
  await sql`delete from stats_day_roles where day = any(${days}::date[])`;
  await sql`delete from stats_skill_days where day = any(${days}::date[])`;
  const postings = await readCompactPostings(sql, { days });
  const roles = buildRoleRollups(postings).map((r) => copyLine([r.fKind, r.fVal, r.day, r.dup, r.open, r.total, r.roles, r.n]));
  await copyInto(sql, 'stats_day_roles', ['f_kind', 'f_val', 'day', 'dup', 'open', 'total', 'roles', 'n'], roles);
  const skills = buildSkillDays(postings).map((r) => copyLine([...skillValues(r), r.period]));
  await copyInto(sql, 'stats_skill_days', [...SKILL_COLUMNS, 'day'], skills);
}

/** Replaces the week row of the week starting Monday `week` with the sum of its day rows. */
export async function writeSkillWeek(sql: Sql, week: string): Promise<void> {
  await sql`delete from stats_skill_weeks where week = ${week}::date`;
  const days = await sql<Array<Omit<SkillRow, 'required' | 'preferred'> & { nRequired: number[]; nPreferred: number[] }>>`
    select f_kind, f_val, day::text as period, dup, open, skills, n, n_required, n_preferred
    from stats_skill_days where day between ${week}::date and ${week}::date + 6`;
  const rows = sumSkillWeek(days.map((d) => ({ ...d, required: d.nRequired, preferred: d.nPreferred })), week);
  await copyInto(sql, 'stats_skill_weeks', [...SKILL_COLUMNS, 'week'], rows.map((r) => copyLine([...skillValues(r), week])));
}

/** Replaces the pair and salary rows of the month starting `month`. */
export async function writeMonth(sql: Sql, month: string): Promise<void> {
  const [{ end } = { end: month }] = await sql<{ end: string }[]>`select ((${month}::date + interval '1 month')::date - 1)::text as end`;
  await sql`delete from stats_skill_pairs where month = ${month}::date`;
  await sql`delete from stats_salaries where month = ${month}::date`;
  const postings = await readCompactPostings(sql, { from: month, to: end });
  const pairs = buildPairRollups(postings).map((r) => copyLine([r.skillA, month, r.dup, r.open, r.skills, r.n, r.required, r.preferred]));
  await copyInto(sql, 'stats_skill_pairs', ['skill_a', 'month', 'dup', 'open', 'skills', 'n', 'n_required', 'n_preferred'], pairs);
  const salaries = buildSalaryRollups(postings).map((r) =>
    copyLine([r.fKind, r.fVal, r.gKind, r.gVal, r.currency, month, r.dup, r.open, r.amounts, r.counts]),
  );
  await copyInto(sql, 'stats_salaries', ['f_kind', 'f_val', 'g_kind', 'g_val', 'currency', 'month', 'dup', 'open', 'amounts', 'counts'], salaries);
}
