import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Sql } from 'postgres';
import { analyzeParsed, withoutNul } from '../analyze.ts';
import { countDuplicates, finishRun, recordSightings, startRun, upsertFeedPostings } from '../db/feeds.sql.ts';
import type { Feed, RunCounts } from '../db/feeds.sql.ts';
import { writeAnalyses } from '../db/postings.sql.ts';
import type { AnalysisWrite } from '../db/postings.sql.ts';
import type { Logger } from '../logger.ts';
import { enqueueAnalyze } from '../queue.ts';
import type { AnalyzePayload } from '../queue.ts';
import type { Taxonomy } from '../types.ts';
import { canonicalizeUrl } from './canonical-url.ts';
import { FeedError, parseFeed } from './feeds/index.ts';
import type { FeedItem, FeedKind } from './feeds/index.ts';
import { FetchError } from './fetch/index.ts';
import type { Fetcher } from './fetch/index.ts';
import { fromJobPosting } from './parse/index.ts';

export interface FeedRunDeps {
  sql: Sql;
  fetcher: Fetcher;
  analyzeQueue: Queue<AnalyzePayload>;
  /** the taxonomy to tag with now (it follows the stored one) */
  taxonomy: () => Taxonomy;
  logger: Logger;
}

const WRITE_CHUNK = 500;

/**
 * One run of one feed: pull every page, store and analyse what the feed carries, queue the
 * pages of items that only link, close postings the feed stopped listing, and record the run.
 * Throws (after recording the run as failed) when the feed itself cannot be read, so the job
 * is retried; a bad item only counts as failed.
 */
export async function runFeed(deps: FeedRunDeps, feed: Feed): Promise<RunCounts & { runId: number }> {
  const { sql, logger } = deps;
  const runId = await startRun(sql, feed.id);
  const counts: RunCounts = { seen: 0, new: 0, updated: 0, duplicates: 0, closed: 0, failed: 0 };
  const errors: string[] = [];
  try {
    const { items, complete } = await pullItems(deps.fetcher, feed, errors);
    const { listed, invalid } = canonicalItems(items, errors);
    counts.failed += invalid;
    counts.seen = listed.length;

    // An id, like any string of a feed, may hold NUL characters, which Postgres cannot store.
    const ids = listed.map((l) => ({ canonicalUrl: l.canonicalUrl, url: l.item.url, externalId: l.item.externalId === null ? null : withoutNul(l.item.externalId) }));
    const postings = await upsertFeedPostings(sql, feed.id, ids);
    const byUrl = new Map(postings.map((p) => [p.canonicalUrl, p]));
    counts.new = postings.filter((p) => p.created).length;

    const fetchedAt = new Date();
    const writes: AnalysisWrite[] = [];
    const toFetch: AnalyzePayload[] = [];
    for (const { item, canonicalUrl } of listed) {
      const posting = byUrl.get(canonicalUrl)!;
      if (!item.jobPosting) {
        // Only a link: fetch the page when we have never analysed it.
        if (posting.status !== 'done') toFetch.push({ postingId: posting.id, url: canonicalUrl });
        continue;
      }
      const json = JSON.stringify(item.jobPosting);
      const contentHash = createHash('sha256').update(json).digest('hex');
      if (posting.contentHash === contentHash) continue;
      try {
        // A feed's strings may hold NUL characters, which Postgres cannot store (see withoutNul):
        // only then is the item copied without them, from the JSON already made for the hash.
        const carried = json.includes('\\u0000')
          ? (JSON.parse(json, (_k, v: unknown) => (typeof v === 'string' ? withoutNul(v) : v)) as Record<string, unknown>)
          : item.jobPosting;
        const parsed = fromJobPosting(withFeedCompany(carried, feed.name), { url: canonicalUrl, fetchedAt });
        // The markup report judges an employer's page; this JobPosting was built by our feed
        // adapter from the hiring system's API, so its gaps say nothing about the page.
        parsed.structuredData = { ...parsed.structuredData, issues: [] };
        const { analysis } = analyzeParsed(parsed, deps.taxonomy());
        writes.push({ postingId: posting.id, analysis, description: parsed.description, sections: parsed.sections, contentHash, fetchedAt, etag: null, lastModified: null });
        if (!posting.created) counts.updated++;
      } catch (err) {
        counts.failed++;
        errors.push(`${canonicalUrl}: ${(err as Error).message}`);
      }
    }
    for (let i = 0; i < writes.length; i += WRITE_CHUNK) await writeAnalyses(sql, writes.slice(i, i + WRITE_CHUNK));
    await enqueueAnalyze(deps.analyzeQueue, toFetch);

    counts.duplicates = await countDuplicates(sql, postings.filter((p) => p.created).map((p) => p.id));
    counts.closed = await recordSightings(sql, feed.id, postings.map((p) => p.id), complete ? feed.closeAfterMissedRuns : null);
    // Skip reasons quote the feed's own text, NUL characters included.
    await finishRun(sql, runId, 'succeeded', counts, errors.map(withoutNul));
    logger.info({ feedId: feed.id, runId, ...counts, queued: toFetch.length }, 'feed run done');
    return { ...counts, runId };
  } catch (err) {
    // The run's errors are served by the API: say what was wrong with the feed, but keep our
    // own failures (a database error, a bug) in the log, where their details belong.
    const ours = !(err instanceof FetchError || err instanceof FeedError);
    if (ours) logger.error({ err, feedId: feed.id, runId }, 'feed run failed');
    errors.push(ours ? `internal error while running the feed (logged with run ${runId}); it will be retried` : (err as Error).message);
    await finishRun(sql, runId, 'failed', counts, errors.map(withoutNul)).catch((e: unknown) => logger.error({ err: e, runId }, 'could not record the failed run'));
    throw err;
  }
}

// Follows pagination and sitemap indexes, up to the feed's page limit; `complete` is false when
// the limit cut the feed short.
async function pullItems(fetcher: Fetcher, feed: Feed, errors: string[]): Promise<{ items: FeedItem[]; complete: boolean }> {
  const urlFilter = feed.urlFilter ? new RegExp(feed.urlFilter) : undefined;
  const items: FeedItem[] = [];
  const pending: Array<{ url: string; kind: FeedKind }> = [{ url: feed.url, kind: feed.kind }];
  const visited = new Set<string>();
  while (pending.length > 0 && visited.size < feed.maxPages) {
    const next = pending.shift()!;
    if (visited.has(next.url)) continue;
    visited.add(next.url);
    const page = await fetcher.fetch(next.url, { accept: 'feed' });
    const parsed = parseFeed(next.kind, page.body, { url: page.url, ...(urlFilter && { urlFilter }) });
    items.push(...parsed.items);
    errors.push(...parsed.errors);
    if (parsed.nextPageUrl) pending.push({ url: parsed.nextPageUrl, kind: next.kind });
    for (const child of parsed.childFeedUrls ?? []) pending.push({ url: child, kind: 'sitemap' });
  }
  if (pending.length > 0) errors.push(`stopped after ${feed.maxPages} pages (the feed's max_pages); ${pending.length} more not read, so no posting is closed by this run`);
  return { items, complete: pending.length === 0 };
}

// One entry per canonical URL (feeds repeat items across pages); bad URLs become errors.
function canonicalItems(items: FeedItem[], errors: string[]): { listed: Array<{ item: FeedItem; canonicalUrl: string }>; invalid: number } {
  const seen = new Map<string, { item: FeedItem; canonicalUrl: string }>();
  let invalid = 0;
  for (const item of items) {
    try {
      const canonicalUrl = canonicalizeUrl(item.url);
      if (!seen.has(canonicalUrl)) seen.set(canonicalUrl, { item, canonicalUrl });
    } catch (err) {
      invalid++;
      errors.push(`${item.url}: ${(err as Error).message}`);
    }
  }
  return { listed: [...seen.values()], invalid };
}

/**
 * A board's API may not name the company (Lever's and Ashby's postings carry none): then the
 * feed's name, which its owner gives it, stands in, so company filters and repost detection
 * (which needs a company) work for those boards too.
 */
function withFeedCompany(jobPosting: Record<string, unknown>, feedName: string | null): Record<string, unknown> {
  if (!feedName || jobPosting['hiringOrganization'] != null) return jobPosting;
  return { ...jobPosting, hiringOrganization: { '@type': 'Organization', name: feedName } };
}
