import type postgres from 'postgres';
import type { Sql, TransactionSql } from 'postgres';
import { BusyError } from '../errors.ts';
import type { Facet, PostingsQuery } from '../stats/filters.ts';
import type { Tally, TalliedPosting } from '../stats/postings-tallies.ts';
import { salaryMidpoint } from './stats-rollups.sql.ts';

// Statistics counted from the postings themselves, for filters the rollups do not hold (planQuery
// in stats/filters.ts): the postings matching every filter are streamed through a cursor, a batch
// at a time, past a tally (stats/postings-tallies.ts), so memory stays flat however many match.
// Such a scan reads every posting of the range that passes the column filters, so it costs
// Postgres far more than a rollup read: few run at once per process, the rest wait their turn.

const BATCH = 2000;
// Scans one API process runs at once: two keeps one of the two cores here for everything else.
const SCANS_AT_ONCE = 2;
// Scans that may wait for a turn; more are refused (503) at once rather than queued for minutes.
export const SCANS_WAITING = 16;

// The condition one dimension filter puts on postings p, as the rollups define it
// (rollup-build.ts facetsOf / allFacetsOf): roles and non-negated skills the posting has, the
// lower-case company, and the posting's own columns.
function facetCondition(sql: Sql | TransactionSql, f: Facet): postgres.Fragment {
  switch (f.kind) {
    case 'role':
      return sql`exists (select 1 from posting_roles r where r.posting_id = p.id and r.role = ${f.value})`;
    case 'skill':
      return sql`exists (select 1 from posting_skills s where s.posting_id = p.id and s.skill = ${f.value} and not s.negated)`;
    case 'industry':
      return sql`${f.value} = any(p.industries)`;
    case 'company':
      return sql`lower(p.company) = ${f.value}`;
    case 'country':
      return sql`p.country = ${f.value}`;
    case 'workplace':
      return sql`p.workplace = ${f.value}`;
    case 'seniority':
      return sql`p.seniority = ${f.value}`;
    case 'source':
      return sql`p.source = ${f.value}`;
    default:
      throw new Error(`no posting condition for filter kind '${f.kind}'`);
  }
}

/** The postings of [range.from, range.to] that q's filters and flags let through, as a condition on postings p. */
function matching(sql: Sql | TransactionSql, q: PostingsQuery, range: { from: string; to: string }): postgres.Fragment {
  const conditions = [
    sql`stats_posting_day(p.date_posted, p.first_seen_at) between ${range.from}::date and ${range.to}::date`,
    ...(q.unique ? [sql`p.duplicate_of is null`] : []),
    ...(q.openOnly ? [sql`p.closed_at is null`] : []),
    ...q.facets.map((f) => facetCondition(sql, f)),
  ];
  return conditions.reduce((all, c) => sql`${all} and ${c}`);
}

interface Turns {
  running: number;
  waiting: Array<() => void>;
}
const turnsBySql = new WeakMap<Sql, Turns>();

async function inTurn<T>(sql: Sql, work: () => Promise<T>): Promise<T> {
  let turns = turnsBySql.get(sql);
  if (!turns) turnsBySql.set(sql, (turns = { running: 0, waiting: [] }));
  if (turns.running >= SCANS_AT_ONCE) {
    if (turns.waiting.length >= SCANS_WAITING) {
      throw new BusyError(`${SCANS_AT_ONCE + SCANS_WAITING} statistics are being counted from the postings already (filters the rollups do not hold); try again shortly`);
    }
    await new Promise<void>((resolve) => turns.waiting.push(resolve));
  } else turns.running++;
  try {
    return await work();
  } finally {
    // A waiter takes this turn over (running stays the same), or the turn is given back.
    const next = turns.waiting.shift();
    if (next) next();
    else turns.running--;
  }
}

// One text line a posting, split here: postgres.js decoding a dozen columns and two text arrays a
// row cost ~25 us a posting, most of a scan's API CPU (1.3 s for the 69,000 postings of a
// role + workplace top-skills answer at 1 M postings). Ids never hold a tab or a comma (the
// taxonomy's id pattern). Roles and skills are read only when the tally needs them.
function postingLines(sql: Sql | TransactionSql, where: postgres.Fragment, reads: Tally<unknown>['reads']): postgres.PendingQuery<Array<{ line: string }>> {
  const roles = reads.includes('roles') ? sql`coalesce((select string_agg(r.role, ',') from posting_roles r where r.posting_id = p.id), '')` : sql`''`;
  const skills = reads.includes('skills')
    ? // Both aggregates read the same rows in the same order, so the lists stay aligned.
      sql`coalesce((select string_agg(s.skill, ',') || E'\t' || string_agg(left(s.requirement, 1), '')
                    from posting_skills s where s.posting_id = p.id and not s.negated), E'\t')`
    : sql`E'\t'`;
  return sql<Array<{ line: string }>>`
    select concat_ws(E'\t', stats_posting_day(p.date_posted, p.first_seen_at)::text, ${roles}, ${skills},
             coalesce(p.salary->>'currency', ''),
             coalesce(${salaryMidpoint(sql)}::text, ''),
             coalesce(p.country, ''), coalesce(p.seniority, '')) as line
    from postings p
    where p.status = 'done' and ${where}`;
}

const REQUIREMENT: Record<string, string> = { r: 'required', p: 'preferred', m: 'mentioned' };
const list = (text: string) => (text === '' ? [] : text.split(','));

/** A posting line (postingLines) as the tallies read it. */
function postingOfLine(line: string): TalliedPosting {
  const [day, roles, skills, requirements, currency, amount, country, seniority] = line.split('\t') as [string, string, string, string, string, string, string, string];
  return {
    day,
    roles: list(roles),
    skills: list(skills),
    requirements: Array.from(requirements, (c) => REQUIREMENT[c] ?? c),
    currency: currency || null,
    amount: currency && amount ? Number(amount) : null,
    country: country || null,
    seniority: seniority || null,
  };
}

/**
 * Streams the analysed postings of [range.from, range.to] that match q's filters and flags past
 * `tally`, and gives its result. `range` may reach beyond q's (a previous period to compare with).
 */
export async function tallyPostings<R>(sql: Sql, q: PostingsQuery, range: { from: string; to: string }, tally: Tally<R>): Promise<R> {
  return inTurn(sql, async () => {
    await sql.begin(async (tx) => {
      // Planned for these filters and this table, never a generic plan the connection cached
      // (JIT is off for every connection already: db/sql.ts).
      await tx`set local plan_cache_mode = force_custom_plan`;
      await postingLines(tx, matching(tx, q, range), tally.reads).cursor(BATCH, (rows) => {
        for (const r of rows) tally.add(postingOfLine(r.line));
      });
    });
    return tally.result();
  });
}
