import type { Sql } from 'postgres';
import type { FacetValues } from '../stats/filters.ts';

// GET /postings: filtered lists, newest first. Pages are keyed by id (a cursor "after id N"),
// so postings inserted while someone pages never shift or repeat what they see.

/** The statistics' dimension filters (company in lower case), plus list-only ones. */
export interface PostingListFilters extends FacetValues {
  from: string | null;
  to: string | null;
  unique: boolean;
  openOnly: boolean;
  /** substring of title or company, any case */
  q: string | null;
}

export interface PostingListRow {
  id: number;
  url: string | null;
  title: string | null;
  company: string | null;
  country: string | null;
  workplace: string | null;
  seniority: string | null;
  primaryRole: string | null;
  datePosted: string | null;
  firstSeenAt: string;
  closedAt: string | null;
  duplicateOf: number | null;
  status: string;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Up to `limit` postings with id below `beforeId` (null: from the newest), newest first. */
export async function listPostings(sql: Sql, f: PostingListFilters, beforeId: number | null, limit: number): Promise<PostingListRow[]> {
  const day = sql`stats_posting_day(p.date_posted, p.first_seen_at)`;
  const needsDone = f.from || f.to || f.role || f.skill || f.industry || f.company || f.country || f.workplace || f.seniority;
  return sql<PostingListRow[]>`
    select p.id::int as id, coalesce(p.canonical_url, p.url) as url, p.title, p.company, p.country, p.workplace, p.seniority,
           p.primary_role, to_char(p.date_posted, 'YYYY-MM-DD') as date_posted, p.first_seen_at, p.closed_at,
           p.duplicate_of::int as duplicate_of, p.status
    from postings p
    where true
      ${beforeId === null ? sql`` : sql`and p.id < ${beforeId}`}
      ${needsDone ? sql`and p.status = 'done'` : sql``}
      ${f.from ? sql`and ${day} >= ${f.from}::date` : sql``}
      ${f.to ? sql`and ${day} <= ${f.to}::date` : sql``}
      ${f.role ? sql`and exists (select 1 from posting_roles r where r.posting_id = p.id and r.role = ${f.role})` : sql``}
      ${f.skill ? sql`and exists (select 1 from posting_skills s where s.posting_id = p.id and s.skill = ${f.skill} and not s.negated)` : sql``}
      ${f.industry ? sql`and ${f.industry} = any(p.industries)` : sql``}
      ${f.company ? sql`and lower(p.company) = ${f.company}` : sql``}
      ${f.country ? sql`and p.country = ${f.country}` : sql``}
      ${f.workplace ? sql`and p.workplace = ${f.workplace}` : sql``}
      ${f.seniority ? sql`and p.seniority = ${f.seniority}` : sql``}
      ${f.source ? sql`and p.source = ${f.source}` : sql``}
      ${f.unique ? sql`and p.duplicate_of is null` : sql``}
      ${f.openOnly ? sql`and p.closed_at is null` : sql``}
      ${f.q ? sql`and (p.title ilike ${'%' + likeEscape(f.q) + '%'} or p.company ilike ${'%' + likeEscape(f.q) + '%'})` : sql``}
    order by p.id desc
    limit ${limit}`;
}
