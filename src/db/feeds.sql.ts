import type { Sql } from 'postgres';
import type { FeedKind } from '../ingest/feeds/index.ts';
import type { PostingStatus } from './postings.sql.ts';

export interface Feed {
  id: number;
  url: string;
  kind: FeedKind;
  name: string | null;
  cron: string;
  timezone: string;
  enabled: boolean;
  closeAfterMissedRuns: number;
  maxPages: number;
  /** sitemaps: only URLs matching this regular expression are postings */
  urlFilter: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type FeedSettings = Pick<Feed, 'name' | 'cron' | 'timezone' | 'enabled' | 'closeAfterMissedRuns' | 'maxPages' | 'urlFilter'>;
export type NewFeed = Pick<Feed, 'url' | 'kind'> & Partial<FeedSettings>;
export type FeedChanges = Partial<FeedSettings>;

export interface RunCounts {
  seen: number;
  new: number;
  updated: number;
  duplicates: number;
  closed: number;
  failed: number;
}

export interface FeedRun extends RunCounts {
  id: number;
  feedId: number;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  errors: string[];
}

const FEED_COLUMNS = 'id::int as id, url, kind, name, cron, timezone, enabled, close_after_missed_runs, max_pages, url_filter, created_at, updated_at';

/** Registers a feed; a URL registered before is a 23505 (409 in the API). */
export async function insertFeed(sql: Sql, f: NewFeed): Promise<Feed> {
  const [row] = await sql<Feed[]>`
    insert into feeds (url, kind, name, cron, timezone, enabled, close_after_missed_runs, max_pages, url_filter)
    values (${f.url}, ${f.kind}, ${f.name ?? null}, ${f.cron ?? '0 3 * * *'}, ${f.timezone ?? 'UTC'}, ${f.enabled ?? true},
            ${f.closeAfterMissedRuns ?? 2}, ${f.maxPages ?? 20}, ${f.urlFilter ?? null})
    returning ${sql.unsafe(FEED_COLUMNS)}`;
  return row!;
}

export async function listFeeds(sql: Sql): Promise<Feed[]> {
  return sql<Feed[]>`select ${sql.unsafe(FEED_COLUMNS)} from feeds order by id`;
}

export async function getFeed(sql: Sql, id: number): Promise<Feed | null> {
  const [row] = await sql<Feed[]>`select ${sql.unsafe(FEED_COLUMNS)} from feeds where id = ${id}`;
  return row ?? null;
}

/** Applies the given changes; returns the feed, or null when there is none with this id. */
export async function updateFeed(sql: Sql, id: number, changes: FeedChanges): Promise<Feed | null> {
  const keys = Object.keys(changes).filter((k) => changes[k as keyof FeedChanges] !== undefined) as Array<keyof FeedChanges>;
  if (keys.length === 0) return getFeed(sql, id);
  const [row] = await sql<Feed[]>`
    update feeds set ${sql(changes, ...keys)}, updated_at = now() where id = ${id}
    returning ${sql.unsafe(FEED_COLUMNS)}`;
  return row ?? null;
}

/** Deletes a feed and its run history; its postings stay (with feed_id cleared). */
export async function deleteFeed(sql: Sql, id: number): Promise<boolean> {
  const rows = await sql`delete from feeds where id = ${id} returning id`;
  return rows.length > 0;
}

export async function startRun(sql: Sql, feedId: number): Promise<number> {
  const [row] = await sql<{ id: string }[]>`insert into feed_runs (feed_id) values (${feedId}) returning id`;
  return Number(row!.id);
}

export async function finishRun(sql: Sql, runId: number, status: 'succeeded' | 'failed', counts: RunCounts, errors: string[]): Promise<void> {
  await sql`
    update feed_runs set status = ${status}, finished_at = now(), seen = ${counts.seen}, new = ${counts.new},
      updated = ${counts.updated}, duplicates = ${counts.duplicates}, closed = ${counts.closed}, failed = ${counts.failed},
      errors = ${sql.json(errors.slice(0, 200))}
    where id = ${runId}`;
}

export async function listRuns(sql: Sql, feedId: number, limit = 50): Promise<FeedRun[]> {
  return sql<FeedRun[]>`
    select id::int as id, feed_id::int as feed_id, status, started_at, finished_at, seen, new, updated, duplicates, closed, failed, errors
    from feed_runs where feed_id = ${feedId} order by started_at desc, id desc limit ${limit}`;
}

export interface FeedPostingRow {
  id: number;
  canonicalUrl: string;
  status: PostingStatus;
  contentHash: string | null;
  created: boolean;
}

/** Finds or creates the postings a feed lists (one statement), claiming them for the feed. */
export async function upsertFeedPostings(
  sql: Sql,
  feedId: number,
  items: Array<{ canonicalUrl: string; url: string; externalId: string | null }>,
): Promise<FeedPostingRow[]> {
  if (items.length === 0) return [];
  const rows = await sql<Array<FeedPostingRow & { id: string }>>`
    insert into postings (canonical_url, url, external_id, feed_id, source)
    select c, u, e, ${feedId}, 'feed'
    from unnest(${items.map((i) => i.canonicalUrl)}::text[], ${items.map((i) => i.url)}::text[], ${items.map((i) => i.externalId)}::text[]) as t(c, u, e)
    on conflict (canonical_url) do update
      set feed_id = coalesce(postings.feed_id, excluded.feed_id), external_id = coalesce(postings.external_id, excluded.external_id)
    returning id, canonical_url, status, content_hash, (xmax = 0) as created`;
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * Records what a run saw: listed postings are open again and seen now; the feed's other open
 * postings missed one more run, and are closed once they missed `closeAfter` in a row
 * (null: the run read only part of the feed, so nothing counts as missed).
 * Returns how many were closed by this run.
 */
export async function recordSightings(sql: Sql, feedId: number, seenIds: number[], closeAfter: number | null): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`update postings set last_seen_at = now(), missed_runs = 0, closed_at = null where id = any(${seenIds}::bigint[])`;
    // A run that could not read the whole feed saw only part of it: absence proves nothing.
    if (closeAfter === null) return 0;
    const closed = await tx`
      update postings set missed_runs = missed_runs + 1,
        closed_at = case when missed_runs + 1 >= ${closeAfter} then now() else null end
      where feed_id = ${feedId} and closed_at is null and not (id = any(${seenIds}::bigint[]))
      returning closed_at`;
    return closed.filter((r) => r.closedAt !== null).length;
  });
}

/** How many of these postings are linked as duplicates of another. */
export async function countDuplicates(sql: Sql, ids: number[]): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from postings where id = any(${ids}::bigint[]) and duplicate_of is not null`;
  return row!.n;
}
