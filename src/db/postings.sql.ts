import type postgres from 'postgres';
import type { Sql } from 'postgres';
import { companyKey, dedupKey, hammingDistance, simhash, simhashBands } from '../ingest/fingerprint.ts';
import type { PostingAnalysis, Section } from '../types.ts';

export type PostingStatus = 'pending' | 'done' | 'failed';

export interface PostingRecord {
  id: number;
  url: string | null;
  canonicalUrl: string | null;
  status: PostingStatus;
  error: string | null;
  contentHash: string | null;
  etag: string | null;
  lastModified: string | null;
  analysis: PostingAnalysis | null;
  /** the parsed text the analysis' mention offsets point into */
  description: string | null;
  firstSeenAt: Date;
  fetchedAt: Date | null;
  analyzedAt: Date | null;
}

/** One finished analysis, as the worker hands it to the batch writer. */
export interface AnalysisWrite {
  postingId: number;
  analysis: PostingAnalysis;
  /** the parsed text, kept so postings can be re-tagged without refetching */
  description: string;
  sections: Section[];
  contentHash: string;
  fetchedAt: Date;
  etag: string | null;
  lastModified: string | null;
}

export interface SubmittedPosting {
  id: number;
  canonicalUrl: string;
  status: PostingStatus;
  created: boolean;
}

/**
 * Finds or creates (pending) the postings with these canonical URLs, in one statement. Returns
 * one row per distinct canonical URL, in the order first given.
 */
export async function upsertSubmittedPostings(
  sql: Sql,
  items: Array<{ canonicalUrl: string; url: string }>,
  source = 'submit',
): Promise<SubmittedPosting[]> {
  // One row per canonical URL: Postgres refuses to upsert the same key twice in one statement.
  const unique = [...new Map(items.map((i) => [i.canonicalUrl, i])).values()];
  if (unique.length === 0) return [];
  // "do update" on a no-op column so existing rows are returned too ("do nothing" returns none).
  const rows = await sql<Array<{ id: string; canonicalUrl: string; status: PostingStatus; created: boolean }>>`
    insert into postings (canonical_url, url, source)
    select c, u, ${source} from unnest(${unique.map((i) => i.canonicalUrl)}::text[], ${unique.map((i) => i.url)}::text[]) as t(c, u)
    on conflict (canonical_url) do update set canonical_url = excluded.canonical_url
    returning id, canonical_url, status, (xmax = 0) as created`;
  const byUrl = new Map(rows.map((r) => [r.canonicalUrl, r]));
  return unique.map((i) => {
    const r = byUrl.get(i.canonicalUrl)!;
    return { id: Number(r.id), canonicalUrl: r.canonicalUrl, status: r.status, created: r.created };
  });
}

/**
 * Finds or creates the posting for pasted HTML or text: by canonical URL when one is given,
 * otherwise by content hash (the same text pasted twice is one posting).
 */
export async function upsertPastedPosting(
  sql: Sql,
  p: { canonicalUrl: string | null; url: string | null; contentHash: string },
): Promise<{ id: number; created: boolean; contentHash: string | null }> {
  if (p.canonicalUrl) {
    const [row] = await sql<Array<{ id: string; created: boolean; contentHash: string | null }>>`
      insert into postings (canonical_url, url, source) values (${p.canonicalUrl}, ${p.url}, 'paste')
      on conflict (canonical_url) do update set canonical_url = excluded.canonical_url
      returning id, (xmax = 0) as created, content_hash`;
    return { id: Number(row!.id), created: row!.created, contentHash: row!.contentHash };
  }
  const [existing] = await sql<Array<{ id: string }>>`
    select id from postings where canonical_url is null and content_hash = ${p.contentHash} limit 1`;
  if (existing) return { id: Number(existing.id), created: false, contentHash: p.contentHash };
  const [row] = await sql<Array<{ id: string }>>`insert into postings (source) values ('paste') returning id`;
  return { id: Number(row!.id), created: true, contentHash: null };
}

/** The status of many postings at once. */
export async function postingStatuses(sql: Sql, ids: number[]): Promise<Map<number, PostingStatus>> {
  const rows = await sql<Array<{ id: string; status: PostingStatus }>>`select id, status from postings where id = any(${ids}::bigint[])`;
  return new Map(rows.map((r) => [Number(r.id), r.status]));
}

/** What a worker needs to fetch a posting again: a conditional request and the unchanged check. */
export interface FetchState {
  status: PostingStatus;
  contentHash: string | null;
  etag: string | null;
  lastModified: string | null;
}

/** A posting's fetch state by id, or null; reads none of the (large) analysis columns. */
export async function getFetchState(sql: Sql, id: number): Promise<FetchState | null> {
  const [row] = await sql<FetchState[]>`select status, content_hash, etag, last_modified from postings where id = ${id}`;
  return row ?? null;
}

/** A posting by id, or null. */
export async function getPosting(sql: Sql, id: number): Promise<PostingRecord | null> {
  const [row] = await sql<PostingRecord[]>`
    select id::int as id, url, canonical_url, status, error, content_hash, etag, last_modified, analysis,
           description, first_seen_at, fetched_at, analyzed_at
    from postings where id = ${id}`;
  return row ?? null;
}

/**
 * Writes many analyses in one transaction: one statement for the postings, one for their roles,
 * one for their skills. Upserts, so a job replayed after a crash writes the same result again.
 */
export async function writeAnalyses(sql: Sql, writes: AnalysisWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const ids = writes.map((w) => w.postingId);
  // snake_case keys: jsonb_to_recordset matches them to the column list below.
  const postingRows = writes.map((w) => {
    const a = w.analysis;
    return {
      id: w.postingId,
      content_hash: w.contentHash,
      etag: w.etag,
      last_modified: w.lastModified,
      fetched_at: w.fetchedAt.toISOString(),
      title: a.title,
      company: a.company,
      location: a.location,
      country: a.location?.country ?? null,
      workplace: a.workplace,
      employment_type: a.employmentType,
      date_posted: a.datePosted,
      valid_through: a.validThrough,
      salary: a.salary,
      seniority: a.seniority,
      industries: a.industries,
      primary_role: a.roles[0]?.role ?? null,
      analysis: a,
      taxonomy_version: a.taxonomyVersion,
      description: w.description,
      sections: w.sections,
      dedup_key: dedupKey(a),
      company_key: companyKey(a.company),
      ...fingerprint(w.description),
    };
  });
  await sql.begin(async (tx) => {
    // Plans made for this batch's numbers, not a generic plan cached by the connection: one made
    // while the table held 80 postings (a fresh install, a recruiter's first URLs) seq-scanned
    // them, and was kept as the table grew, so each repost lookup scanned every posting: 1.6 s a
    // batch at 20,000 postings, and the load bench fell from ~470 to 281 postings/s.
    await tx`set local plan_cache_mode = force_custom_plan`;
    const duplicateOf = await findReposts(tx, postingRows);
    for (const row of postingRows) (row as { duplicate_of?: number | null }).duplicate_of = duplicateOf.get(row.id) ?? null;
    await tx`
      update postings p set
        status = 'done', error = null, content_hash = r.content_hash, etag = r.etag,
        last_modified = r.last_modified, fetched_at = r.fetched_at, analyzed_at = now(), updated_at = now(),
        title = r.title, company = r.company, location = r.location, country = r.country,
        workplace = r.workplace, employment_type = r.employment_type, date_posted = r.date_posted,
        valid_through = r.valid_through, salary = r.salary, seniority = r.seniority,
        industries = r.industries, primary_role = r.primary_role, analysis = r.analysis,
        taxonomy_version = r.taxonomy_version, analyzed_count = p.analyzed_count + 1,
        description = r.description, sections = r.sections, dedup_key = r.dedup_key,
        company_key = r.company_key, simhash = r.simhash, simhash_bands = r.simhash_bands,
        duplicate_of = r.duplicate_of
      from jsonb_to_recordset(${sql.json(postingRows as unknown as postgres.JSONValue)}) as r(
        id bigint, content_hash text, etag text, last_modified text, fetched_at timestamptz,
        title text, company text, location jsonb, country text, workplace text, employment_type text,
        date_posted date, valid_through date, salary jsonb, seniority text, industries text[],
        primary_role text, analysis jsonb, taxonomy_version text, description text, sections jsonb,
        dedup_key text, company_key text, simhash bigint, simhash_bands int[], duplicate_of bigint)
      where p.id = r.id`;
    await tx`delete from posting_roles where posting_id = any(${ids})`;
    await tx`delete from posting_skills where posting_id = any(${ids})`;
    // Roles and skills are read from the analysis just stored, so their evidence crosses the
    // wire once (a batch is a few MB) and every batch size uses the same two statements.
    await tx`
      insert into posting_roles (posting_id, role, score, is_primary, evidence)
      select p.id, r->>'role', (r->>'score')::real, o = 1, coalesce(r->'evidence', '[]')
      from postings p, jsonb_array_elements(p.analysis->'roles') with ordinality as e(r, o)
      where p.id = any(${ids}::bigint[])`;
    await tx`
      insert into posting_skills (posting_id, skill, requirement, negated, mentions)
      select p.id, k->>'skill', k->>'requirement', (k->>'negated')::boolean, coalesce(k->'mentions', '[]')
      from postings p, jsonb_array_elements(p.analysis->'skills') as e(k)
      where p.id = any(${ids}::bigint[])`;
  });
}

function fingerprint(description: string): { simhash: string | null; simhash_bands: number[] | null } {
  const hash = simhash(description);
  return hash === null ? { simhash: null, simhash_bands: null } : { simhash: hash.toString(), simhash_bands: simhashBands(hash) };
}

interface RepostKeys {
  id: number;
  dedup_key: string | null;
  company_key: string | null;
  simhash: string | null;
  simhash_bands: number[] | null;
}

/**
 * Finds, for each posting about to be written, the first-seen posting it repeats: the same
 * normalised title, company and place, or the same company with near-identical text (simhash
 * within 3 bits). Statistics can then count unique openings as well as postings.
 *
 * It runs before the write, so each posting is written once with its link: a second update
 * would rewrite every index entry of the row, and leave a dead "canonical" version in the
 * repost indexes (00009) that every later lookup must step over until vacuum. Earlier postings
 * come from those indexes; postings of the same batch are compared here, in first-seen order.
 */
async function findReposts(sql: postgres.TransactionSql, rows: RepostKeys[]): Promise<Map<number, number>> {
  // only the keys cross the wire: the rows passed in are whole postings (description, analysis:
  // ~20 KB each), and sending them here too sent every batch twice
  const keyRows = rows.map(({ id, dedup_key, company_key, simhash, simhash_bands }) => ({ id, dedup_key, company_key, simhash, simhash_bands }));
  const found = await sql<Array<{ id: string; firstSeenAt: Date; earlierId: string | null; earlierSeenAt: Date | null }>>`
    select n.id, p.first_seen_at, e.id as earlier_id, e.first_seen_at as earlier_seen_at
    from jsonb_to_recordset(${sql.json(keyRows)})
      as n(id bigint, dedup_key text, company_key text, simhash bigint, simhash_bands int[])
    join postings p on p.id = n.id
    left join lateral (
      select c.id, c.first_seen_at from (
        (select o.id, o.first_seen_at from postings o
          where n.dedup_key is not null and o.dedup_key = n.dedup_key
            and o.duplicate_of is null and o.status = 'done' and (o.first_seen_at, o.id) < (p.first_seen_at, p.id)
          order by o.first_seen_at, o.id limit 1)
        union all
        (select o.id, o.first_seen_at from postings o
          where n.simhash_bands is not null and o.simhash_bands && n.simhash_bands and o.company_key = n.company_key
            and o.duplicate_of is null and o.status = 'done' and (o.first_seen_at, o.id) < (p.first_seen_at, p.id)
            and bit_count((o.simhash # n.simhash)::bit(64)) <= 3
          order by o.first_seen_at, o.id limit 1)
      ) c
      order by c.first_seen_at, c.id limit 1
    ) e on true`;
  const keys = new Map(rows.map((r) => [r.id, r]));
  const order = (t: Date, id: number) => [t.getTime(), id] as const;
  const before = (a: readonly [number, number], b: readonly [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const batch = found
    .map((f) => ({ id: Number(f.id), at: order(f.firstSeenAt, Number(f.id)), earlier: f.earlierId === null ? null : { id: Number(f.earlierId), at: order(f.earlierSeenAt!, Number(f.earlierId)) } }))
    .sort((a, b) => (before(a.at, b.at) ? -1 : 1));
  const links = new Map<number, number>();
  const canonical: Array<(typeof batch)[number]> = [];
  for (const row of batch) {
    let first = row.earlier;
    const k = keys.get(row.id)!;
    for (const c of canonical) {
      if (first && before(first.at, c.at)) break; // canonical is in first-seen order
      if (repeats(k, keys.get(c.id)!)) {
        first = { id: c.id, at: c.at };
        break;
      }
    }
    if (first) links.set(row.id, first.id);
    else canonical.push(row);
  }
  return links;
}

/** The same rule as the lookup above, for two postings of one batch. */
function repeats(a: RepostKeys, b: RepostKeys): boolean {
  if (a.dedup_key !== null && a.dedup_key === b.dedup_key) return true;
  return a.simhash !== null && b.simhash !== null && a.company_key !== null && a.company_key === b.company_key && hammingDistance(BigInt(a.simhash), BigInt(b.simhash)) <= 3;
}

/** Records that the content is unchanged since the last analysis (no re-analysis needed). */
export async function markUnchanged(sql: Sql, postingId: number, fetchedAt: Date): Promise<void> {
  await sql`update postings set fetched_at = ${fetchedAt}, updated_at = now() where id = ${postingId}`;
}

/** Marks a posting failed with the reason a user can read. */
export async function markFailed(sql: Sql, postingId: number, error: string): Promise<void> {
  await sql`update postings set status = 'failed', error = ${error}, updated_at = now() where id = ${postingId}`;
}
