import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import type { Config } from '../config.ts';
import { getFeed, listFeeds, listRuns } from '../db/feeds.sql.ts';
import { createSql } from '../db/sql.ts';
import { InputError } from '../errors.ts';
import { changeFeed, registerFeed, removeFeed } from '../ingest/feed-registry.ts';
import type { FeedRegistryDeps } from '../ingest/feed-registry.ts';
import { FEED_KINDS } from '../ingest/feeds/index.ts';
import type { FeedKind } from '../ingest/feeds/index.ts';
import { createFetcher } from '../ingest/fetch/index.ts';
import { submitUrls } from '../ingest/submit.ts';
import { createAnalyzeQueue, createFeedQueue, runFeedNow } from '../queue.ts';
import { createRedis } from '../redis.ts';
import { fetcherOptions } from '../runtime.ts';
import { printJson, readStdin } from './io.ts';

// Operational commands that talk to Postgres and Redis directly (no API needed): ingest, feeds.

async function withServices<T>(fn: (ctx: FeedRegistryDeps & { config: Config; analyzeQueue: ReturnType<typeof createAnalyzeQueue> }) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const sql = createSql(config.DATABASE_URL, { max: 2 });
  const redis = createRedis(config.REDIS_URL);
  const settings = { prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS };
  const analyzeQueue = createAnalyzeQueue(redis, settings);
  const feedQueue = createFeedQueue(redis, settings);
  const fetcher = createFetcher(fetcherOptions(config, redis, 'feeds'));
  try {
    return await fn({ config, sql, feedQueue, fetcher, analyzeQueue });
  } finally {
    await Promise.all([analyzeQueue.close(), feedQueue.close(), fetcher.close()]);
    redis.disconnect();
    await sql.end({ timeout: 5 });
  }
}


/** `roleradar ingest <url...>` (or URLs one per line on stdin with `-`): queue postings for the workers. */
export async function runIngest(args: string[]): Promise<number> {
  let urls = args.filter((a) => a !== '-');
  if (args.includes('-')) {
    urls = urls.concat((await readStdin()).split(/\s+/).filter(Boolean));
  }
  if (urls.length === 0) throw new InputError('usage: roleradar ingest <url...>  (or - to read URLs from stdin)');
  return withServices(async ({ sql, analyzeQueue }) => {
    let created = 0;
    for (let i = 0; i < urls.length; i += 1000) {
      const postings = await submitUrls(sql, analyzeQueue, urls.slice(i, i + 1000));
      created += postings.filter((p) => p.created).length;
      for (const p of postings) process.stdout.write(JSON.stringify({ id: p.id, url: p.canonicalUrl, status: p.status }) + '\n');
      if (process.stderr.isTTY) process.stderr.write(`\rqueued ${Math.min(i + 1000, urls.length)} of ${urls.length}`);
    }
    process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}queued ${urls.length} URLs (${created} new postings); workers analyse them\n`);
    return 0;
  });
}

const FEEDS_USAGE = `usage:
  roleradar feeds add <url> [--kind K] [--name N] [--cron "0 3 * * *"] [--timezone Europe/Berlin]
  roleradar feeds list
  roleradar feeds set <id> [--cron C] [--timezone TZ] [--name N] [--enabled true|false]
  roleradar feeds run <id>        queue a run now
  roleradar feeds runs <id>       run history with counts and errors
  roleradar feeds remove <id>
  --name also gives the company of the feed's postings when the board does not name one (Lever, Ashby)`;

/** `roleradar feeds ...`: register and manage feeds. */
export async function runFeeds(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { kind: { type: 'string' }, name: { type: 'string' }, cron: { type: 'string' }, timezone: { type: 'string' }, enabled: { type: 'string' } },
  });
  const [sub, arg] = positionals;
  const id = () => {
    const n = Number(arg);
    if (!Number.isInteger(n) || n <= 0) throw new InputError(`feed id must be a positive integer, got "${arg ?? ''}"\n${FEEDS_USAGE}`);
    return n;
  };
  const kind = values.kind as FeedKind | undefined;
  if (kind && !FEED_KINDS.includes(kind)) throw new InputError(`--kind must be one of ${FEED_KINDS.join(', ')}`);
  return withServices(async (ctx) => {
    switch (sub) {
      case 'add': {
        if (!arg) throw new InputError(FEEDS_USAGE);
        printJson(await registerFeed(ctx, { url: arg, ...(kind && { kind }), ...(values.name && { name: values.name }), ...(values.cron && { cron: values.cron }), ...(values.timezone && { timezone: values.timezone }) }));
        return 0;
      }
      case 'list':
        printJson(await listFeeds(ctx.sql));
        return 0;
      case 'set': {
        const enabled = values.enabled === undefined ? undefined : values.enabled === 'true';
        const feed = await changeFeed(ctx, id(), { name: values.name, cron: values.cron, timezone: values.timezone, enabled });
        if (!feed) throw new InputError(`no feed with id ${arg}`);
        printJson(feed);
        return 0;
      }
      case 'run': {
        const feed = await getFeed(ctx.sql, id());
        if (!feed) throw new InputError(`no feed with id ${arg}`);
        printJson({ feedId: feed.id, jobId: await runFeedNow(ctx.feedQueue, feed.id) });
        return 0;
      }
      case 'runs':
        printJson(await listRuns(ctx.sql, id()));
        return 0;
      case 'remove':
        if (!(await removeFeed(ctx, id()))) throw new InputError(`no feed with id ${arg}`);
        return 0;
      default:
        throw new InputError(FEEDS_USAGE);
    }
  });
}
