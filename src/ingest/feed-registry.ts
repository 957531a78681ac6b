import type { Queue } from 'bullmq';
import { CronExpressionParser } from 'cron-parser';
import type { Sql } from 'postgres';
import { deleteFeed, getFeed, insertFeed, listFeeds, updateFeed } from '../db/feeds.sql.ts';
import type { Feed, FeedChanges } from '../db/feeds.sql.ts';
import { InputError } from '../errors.ts';
import { syncFeedSchedules } from '../queue.ts';
import type { FeedPayload } from '../queue.ts';
import { detectFeedKind, resolveFeedUrl } from './feeds/index.ts';
import type { FeedKind } from './feeds/index.ts';
import type { Fetcher } from './fetch/index.ts';

// Registering, changing and removing feeds, for the API and the CLI alike. Every change
// re-syncs the job schedulers, so a feed's schedule is live as soon as it is saved.

export interface FeedRegistryDeps {
  sql: Sql;
  feedQueue: Queue<FeedPayload>;
  fetcher: Fetcher;
}

/** A feed registration that cannot be accepted as given; the message says why. */
export class FeedInputError extends InputError {
  override name = 'FeedInputError';
}

/** Throws FeedInputError unless `pattern` is a regular expression. */
export function checkUrlFilter(pattern: string | null | undefined): void {
  if (pattern === null || pattern === undefined) return;
  try {
    new RegExp(pattern);
  } catch (err) {
    throw new FeedInputError(`urlFilter: not a regular expression (${(err as Error).message})`);
  }
}

/** Throws FeedInputError unless `cron` is a valid cron pattern in time zone `tz`. */
export function checkSchedule(cron: string | undefined, tz: string | undefined): void {
  if (tz !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
    } catch {
      throw new FeedInputError(`timezone: unknown time zone "${tz}" (use an IANA name such as Europe/Berlin)`);
    }
  }
  if (cron !== undefined) {
    try {
      CronExpressionParser.parse(cron, tz ? { tz } : {});
    } catch (err) {
      throw new FeedInputError(`cron: "${cron}" is not a cron pattern (${(err as Error).message})`);
    }
  }
}

/**
 * Registers a feed by URL. The kind comes from the caller, else from the URL (a known hiring
 * system's careers page becomes its API URL), else from the fetched content.
 */
export async function registerFeed(
  deps: FeedRegistryDeps,
  input: { url: string; kind?: FeedKind; name?: string; cron?: string; timezone?: string; urlFilter?: string },
): Promise<Feed> {
  checkSchedule(input.cron, input.timezone);
  checkUrlFilter(input.urlFilter);
  let url = input.url;
  let kind = input.kind;
  if (!kind) {
    const resolved = resolveFeedUrl(url);
    if (resolved) ({ url, kind } = resolved);
  }
  if (!kind) {
    const page = await deps.fetcher.fetch(url, { accept: 'feed' });
    const detected = detectFeedKind({ url: page.url, contentType: page.contentType, body: page.body });
    if (!detected) throw new FeedInputError(`url: ${url} is not a feed RoleRadar can read (RSS, Atom, JSON Feed, sitemap or a known hiring system's API); name its kind if it is one`);
    kind = detected;
  }
  const feed = await insertFeed(deps.sql, {
    url,
    kind,
    ...(input.name !== undefined && { name: input.name }),
    ...(input.cron !== undefined && { cron: input.cron }),
    ...(input.timezone !== undefined && { timezone: input.timezone }),
    ...(input.urlFilter !== undefined && { urlFilter: input.urlFilter }),
  });
  await syncFeedSchedules(deps.feedQueue, await listFeeds(deps.sql));
  return feed;
}

/** Changes a feed's settings; null when there is no such feed. */
export async function changeFeed(deps: FeedRegistryDeps, id: number, changes: FeedChanges): Promise<Feed | null> {
  const current = await getFeed(deps.sql, id);
  if (!current) return null;
  checkSchedule(changes.cron ?? current.cron, changes.timezone ?? current.timezone);
  checkUrlFilter(changes.urlFilter);
  const feed = await updateFeed(deps.sql, id, changes);
  await syncFeedSchedules(deps.feedQueue, await listFeeds(deps.sql));
  return feed;
}

/** Removes a feed and its schedule; its postings stay. */
export async function removeFeed(deps: FeedRegistryDeps, id: number): Promise<boolean> {
  const removed = await deleteFeed(deps.sql, id);
  if (removed) await syncFeedSchedules(deps.feedQueue, await listFeeds(deps.sql));
  return removed;
}
