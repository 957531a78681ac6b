import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';
import type { Sql, TransactionSql } from 'postgres';
import { copyLine } from '../stats/copy-text.ts';
import { buildPairRollups, buildRoleRollups, buildSalaryRollups, buildSkillDays, pairCombos, roleCombos, salaryCombos, skillDayCombos } from '../stats/rollup-build.ts';
import type { CompactPosting } from '../stats/rollup-build.ts';
import { rangesTouching, salaryAnswerData, salaryRanges } from '../stats/salary-ranges.ts';
import type { GroupMonths, MonthRange } from '../stats/salary-ranges.ts';
import { encodeSkills, slotsOf, sumVectorRows } from '../stats/skill-vectors.ts';
import type { SkillSlots, VectorRow } from '../stats/skill-vectors.ts';

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
           p.salary->>'currency' as currency, ${salaryMidpoint(sql)}::float8 as amount
    from postings p
    left join lateral (
      select array_agg(skill) as skills, array_agg(requirement) as requirements
      from posting_skills where posting_id = p.id and not negated
    ) s on true
    where p.status = 'done' and ${where}`;
}

/**
 * A posting's (p) salary as the statistics count it: the annualised midpoint rounded to 100 (null
 * without one). The rollups and the counts from the postings (postings-stats.sql.ts) both read it here.
 */
export function salaryMidpoint(sql: Sql | TransactionSql): postgres.Fragment {
  return sql`(round((coalesce((p.salary->>'annualMin')::numeric, (p.salary->>'annualMax')::numeric)
                 + coalesce((p.salary->>'annualMax')::numeric, (p.salary->>'annualMin')::numeric)) / 200) * 100)`;
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

const SKILL_COLUMNS = ['f_kind', 'f_val', 'combo', 'grain', 'start', 'total', 'counts'];
// bytea in COPY text: \x and hex digits (copyLine escapes the backslash).
const hex = (b: Buffer) => `\\x${b.toString('hex')}`;

/**
 * Gives every skill of `names` a slot (new ones after the last), and returns every slot. Only
 * the refresher writes here, under its advisory lock, so slots stay 0..n-1 without gaps.
 */
export async function skillSlots(sql: Sql, names: Iterable<string>): Promise<SkillSlots> {
  const wanted = [...new Set(names)];
  if (wanted.length > 0) {
    await sql`
      insert into stats_skill_index (slot, skill)
      select (select coalesce(max(slot), -1) from stats_skill_index) + row_number() over (order by s), s
      from unnest(${wanted}::text[]) as s
      where not exists (select 1 from stats_skill_index i where i.skill = s)`;
  }
  return readSkillSlots(sql);
}

/** Every skill slot, in slot order. */
export async function readSkillSlots(sql: Sql): Promise<SkillSlots> {
  const rows = await sql<{ slot: number; skill: string }[]>`select slot, skill from stats_skill_index order by slot`;
  if (rows.some((r, i) => r.slot !== i)) throw new Error('stats_skill_index has a gap: slots must run 0..n-1');
  return slotsOf(rows.map((r) => r.skill));
}

/** Replaces the role and skill day rows of these days. */
export async function writeDays(sql: Sql, days: string[]): Promise<void> {
  await sql`delete from stats_role_days where day = any(${days}::date[])`;
  await sql`delete from stats_skill_periods where grain = 'd' and start = any(${days}::date[])`;
  const postings = await readCompactPostings(sql, { days });
  const roles = roleCombos(buildRoleRollups(postings)).map((r) => copyLine([r.fKind, r.fVal, r.combo, r.day, r.total, r.roles, r.n]));
  await copyInto(sql, 'stats_role_days', ['f_kind', 'f_val', 'combo', 'day', 'total', 'roles', 'n'], roles);
  const skillRows = skillDayCombos(buildSkillDays(postings));
  const slots = await skillSlots(sql, skillRows.flatMap((r) => r.skills));
  const skills = skillRows.map((r) => copyLine([r.fKind, r.fVal, r.combo, 'd', r.period, r.total, hex(encodeSkills(r, slots))]));
  await copyInto(sql, 'stats_skill_periods', SKILL_COLUMNS, skills);
}

/** Replaces the skill rows of the week starting Monday `start` (or the month starting `start`) with the sums of its day rows. */
export async function writeSkillPeriod(sql: Sql, kind: 'week' | 'month', start: string): Promise<void> {
  const grain = kind === 'week' ? 'w' : 'm';
  await sql`delete from stats_skill_periods where grain = ${grain} and start = ${start}::date`;
  const days = await sql<VectorRow[]>`
    select f_kind, f_val, combo, total, counts from stats_skill_periods
    where grain = 'd' and start >= ${start}::date and start < (${start}::date + ${kind === 'week' ? '7 days' : '1 month'}::interval)::date`;
  const rows = sumVectorRows(days).map((r) => copyLine([r.fKind, r.fVal, r.combo, grain, start, r.total, hex(r.counts)]));
  await copyInto(sql, 'stats_skill_periods', SKILL_COLUMNS, rows);
}

/** Replaces the skill month row, and the pair and salary rows, of the month starting `month`. */
export async function writeMonth(sql: Sql, month: string): Promise<void> {
  const [{ end } = { end: month }] = await sql<{ end: string }[]>`select ((${month}::date + interval '1 month')::date - 1)::text as end`;
  await writeSkillPeriod(sql, 'month', month);
  await sql`delete from stats_pair_months where month = ${month}::date`;
  await sql`delete from stats_salary_months where month = ${month}::date`;
  const postings = await readCompactPostings(sql, { from: month, to: end });
  const pairRows = pairCombos(buildPairRollups(postings));
  const slots = await skillSlots(sql, pairRows.flatMap((r) => r.skills));
  const pairs = pairRows.map((r) => copyLine([r.skillA, r.combo, month, hex(encodeSkills(r, slots))]));
  await copyInto(sql, 'stats_pair_months', ['skill_a', 'combo', 'month', 'counts'], pairs);
  const salaries = salaryCombos(buildSalaryRollups(postings)).map((r) =>
    copyLine([r.fKind, r.fVal, r.gKind, r.combo, month, r.gVal, r.currency, r.amounts, r.counts]),
  );
  await copyInto(sql, 'stats_salary_months', ['f_kind', 'f_val', 'g_kind', 'combo', 'month', 'g_val', 'currency', 'amounts', 'counts'], salaries);
  // The salary ranges holding this month are recomputed once after every dirty month is written.
  await sql`insert into stats_dirty_periods (kind, start) values ('salary', ${month}::date) on conflict do nothing`;
}

/** Longest month range kept precomputed; longer ones are merged from the month histograms per request. */
export const MAX_RANGE_MONTHS = 24;

interface HistogramRow {
  fKind: string;
  fVal: string;
  gKind: string;
  combo: number;
  month: string;
  gVal: string;
  currency: string;
  amounts: number[];
  counts: number[];
}

/**
 * Replaces the salary range rows (sql/00012) of every range holding one of these months, from the
 * month histograms. Reads the histograms of the months those ranges can reach, one answer
 * partition (filter, group kind, combo) at a time.
 */
export async function writeSalaryRanges(sql: Sql, dirtyMonths: string[]): Promise<number> {
  if (dirtyMonths.length === 0) return 0;
  const [span] = await sql<{ first: string | null; last: string | null }[]>`
    select min(month)::text as first, max(month)::text as last from stats_salary_months`;
  if (!span?.first || !span.last) return 0;
  const ranges = rangesTouching({ first: span.first, last: span.last }, dirtyMonths, MAX_RANGE_MONTHS);
  if (ranges.length === 0) return 0;
  const firsts = ranges.map((r) => r.first);
  const lasts = ranges.map((r) => r.last);
  await sql`
    delete from stats_salary_ranges r using unnest(${firsts}::date[], ${lasts}::date[]) as x(f, l)
    where r.first_month = x.f and r.last_month = x.l`;
  const lo = firsts.reduce((a, b) => (a < b ? a : b));
  const hi = lasts.reduce((a, b) => (a > b ? a : b));
  const lines: string[] = [];
  let part: { key: string; rows: HistogramRow[] } | null = null;
  const flush = () => {
    if (part) lines.push(...rangeLines(part.rows, ranges));
  };
  // Arrays as JSON: postgres.js parses arrays element by element (bigints into strings), which
  // cost more than the ranges themselves.
  await sql<HistogramRow[]>`
    select f_kind, f_val, g_kind, combo, month::text as month, g_val, currency, to_json(amounts) as amounts, to_json(counts) as counts
    from stats_salary_months where month between ${lo}::date and ${hi}::date
    order by f_kind, f_val, g_kind, combo`.cursor(2000, (rows) => {
    for (const r of rows) {
      const key = `${r.fKind}|${r.fVal}|${r.gKind}|${r.combo}`;
      if (part?.key !== key) {
        flush();
        part = { key, rows: [] };
      }
      part.rows.push(r);
    }
  });
  flush();
  await copyInto(sql, 'stats_salary_ranges', ['f_kind', 'f_val', 'g_kind', 'combo', 'first_month', 'last_month', 'data'], lines);
  return ranges.length;
}

// The COPY lines of one answer partition's ranges; data is the answer's data as the API sends it (sql/00014).
function rangeLines(rows: HistogramRow[], ranges: MonthRange[]): string[] {
  const groups = new Map<string, GroupMonths>();
  for (const r of rows) {
    const k = `${r.gVal}\u0000${r.currency}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { group: r.gVal, currency: r.currency, months: [] }));
    g.months.push({ month: r.month, amounts: r.amounts, counts: r.counts });
  }
  const { fKind, fVal, gKind, combo } = rows[0]!;
  return [...salaryRanges([...groups.values()], ranges)].map(([k, bands]) => {
    const [first, last] = k.split('|');
    return copyLine([fKind, fVal, gKind, combo, first!, last!, salaryAnswerData(bands)]);
  });
}
