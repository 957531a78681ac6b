import { serve as serveHttp } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import type { Redis } from 'ioredis';
import type { AddressInfo } from 'node:net';
import { startAnalyzeWorker } from '../workers/analyze-worker.ts';
import { startFeedWorker } from '../workers/feed-worker.ts';
import { startRetagWorker } from '../workers/retag-worker.ts';
import { createTaxonomySource } from './admin/taxonomy-source.ts';
import { createApp } from './api/app.ts';
import { accessOptions } from './api/auth/access.ts';
import { assertSafeListen } from './api/auth/listen-check.ts';
import { loadDefaultTaxonomy, loadTaxonomy, saveTaxonomy } from './classify/index.ts';
import type { Config } from './config.ts';
import { listFeeds } from './db/feeds.sql.ts';
import { ensureDatabase, migrate } from './db/migrate.ts';
import { createSql } from './db/sql.ts';
import type { Sql } from './db/sql.ts';
import { createFetcher } from './ingest/fetch/index.ts';
import type { FetcherOptions } from './ingest/fetch/index.ts';
import type { Logger } from './logger.ts';
import { startStatsRefresher } from './stats/refresher.ts';
import { createMetrics, registerQueueDepth } from './metrics.ts';
import type { Metrics } from './metrics.ts';
import { createAnalyzeQueue, createFeedQueue, createRetagQueue, syncFeedSchedules } from './queue.ts';
import { createRedis } from './redis.ts';

// Composition of processes from config: `serve`, `worker` and `start` are these functions.
// Each returns a `close()` that stops taking work, finishes what is in flight, then disconnects.

export interface Running {
  close(): Promise<void>;
}

/** Creates the database if needed, applies pending migrations and stores the default taxonomy on first run. */
export async function runMigrations(config: Config, logger: Logger): Promise<void> {
  if (await ensureDatabase(config.DATABASE_URL)) logger.info('created database');
  const sql = createSql(config.DATABASE_URL, { max: 2 });
  try {
    const applied = await migrate(sql);
    logger.info({ applied }, applied.length ? 'migrations applied' : 'database schema up to date');
    await ensureTaxonomy(sql, logger);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// The stored taxonomy is the users' (they may have edited it); the shipped one seeds an empty store.
async function ensureTaxonomy(sql: Sql, logger: Logger): Promise<void> {
  const stored = await loadTaxonomy(sql);
  if (stored.skills.length > 0) return;
  const taxonomy = loadDefaultTaxonomy();
  await saveTaxonomy(sql, taxonomy);
  logger.info({ version: taxonomy.version, skills: taxonomy.skills.length }, 'stored the default taxonomy');
}

/**
 * The fetcher's settings from config, for posting pages or (larger) feeds; with `redis`,
 * politeness and the robots cache are shared by all processes.
 */
export function fetcherOptions(config: Config, redis?: Redis, of: 'pages' | 'feeds' = 'pages'): FetcherOptions {
  return {
    allowHosts: config.FETCH_ALLOW_HOSTS,
    timeoutMs: config.FETCH_TIMEOUT_MS,
    maxBytes: of === 'feeds' ? config.FETCH_MAX_FEED_BYTES : config.FETCH_MAX_BYTES,
    userAgent: config.FETCH_USER_AGENT,
    respectRobots: config.FETCH_RESPECT_ROBOTS,
    perHostConcurrency: config.FETCH_HOST_CONCURRENCY,
    perHostIntervalMs: config.FETCH_HOST_INTERVAL_MS,
    redisPrefix: `${config.QUEUE_PREFIX}:fetch`,
    ...(redis ? { redis } : {}),
  };
}

const queueSettings = (config: Config) => ({ prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS });

// Idle keep-alive connections are closed by the client first (undici: 4 s, load balancers: 60 s).
// With Node's 5 s, a client that reused a connection at the moment the server dropped it got
// ECONNRESET: 6 of 80,823 trend queries in the load bench, on a saturated machine.
const KEEP_ALIVE = { keepAliveTimeout: 65_000, headersTimeout: 66_000 };

const MB = 1024 * 1024;

/** Runs the HTTP API until closed; resolves once it listens, with its base URL. */
export async function startApi(config: Config, logger: Logger, metrics: Metrics = createMetrics()): Promise<Running & { url: string }> {
  assertSafeListen(config); // before anything is opened: a refused start leaves nothing behind
  const sql = createSql(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
  const taxonomy = await createTaxonomySource(sql);
  const redis = createRedis(config.REDIS_URL);
  const analyzeQueue = createAnalyzeQueue(redis, queueSettings(config));
  const feedQueue = createFeedQueue(redis, queueSettings(config));
  const retagQueue = createRetagQueue(redis, queueSettings(config));
  // The API fetches only feeds (to detect the kind of one being registered).
  const fetcher = createFetcher(fetcherOptions(config, redis, 'feeds'));
  registerQueueDepth(metrics, [analyzeQueue, feedQueue, retagQueue]);
  // Started even with STATS_REFRESH_MS=0 (no timer then): requests still catch the day rollups up through it.
  const stats = startStatsRefresher(
    { databaseUrl: config.DATABASE_URL, intervalMs: config.STATS_REFRESH_MS, logLevel: config.LOG_LEVEL, nice: config.BACKGROUND_NICE },
    logger.child({ component: 'stats' }),
  );
  const catchUpStats = () => stats.runNow({ months: false });
  const statsMemory = { rowBytes: config.STATS_ROW_CACHE_MB * MB, answerBytes: config.STATS_ANSWER_CACHE_MB * MB };
  const app = createApp({ sql, redis, analyzeQueue, feedQueue, retagQueue, fetcher, logger, metrics, taxonomy: taxonomy.current, catchUpStats, statsMemory }, accessOptions(config));
  let server: ServerType;
  const url = await new Promise<string>((resolve) => {
    server = serveHttp({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, serverOptions: KEEP_ALIVE }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve(`http://${host}:${info.port}`);
    });
  });
  return {
    url,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stats.close();
      taxonomy.close();
      await Promise.all([analyzeQueue.close(), feedQueue.close(), retagQueue.close(), fetcher.close()]);
      redis.disconnect();
      await sql.end({ timeout: 5 });
    },
  };
}

/** Runs the analyze, feed and re-tag workers until closed, and keeps the feed schedules in step with the feeds table. */
export async function startWorker(config: Config, logger: Logger, metrics: Metrics = createMetrics()): Promise<Running> {
  const sql = createSql(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
  const taxonomy = await createTaxonomySource(sql);
  const connection = createRedis(config.REDIS_URL, { forWorker: true });
  // Politeness and producing need ordinary commands that fail fast: not the workers' connection.
  const redis = createRedis(config.REDIS_URL);
  // Pages are retried by the queue (backoff honours Retry-After), not inside a worker slot.
  const fetcher = createFetcher({ ...fetcherOptions(config, redis), maxRetries: 0 });
  const feedFetcher = createFetcher(fetcherOptions(config, redis, 'feeds'));
  const analyzeQueue = createAnalyzeQueue(redis, queueSettings(config));
  const feedQueue = createFeedQueue(redis, queueSettings(config));
  await syncFeedSchedules(feedQueue, await listFeeds(sql));

  const analyze = startAnalyzeWorker({
    sql,
    connection,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockMs: config.WORKER_LOCK_MS,
    stalledCheckMs: config.WORKER_STALLED_CHECK_MS,
    backoffMs: config.JOB_BACKOFF_MS,
    batch: { size: config.WRITE_BATCH_SIZE, waitMs: config.WRITE_BATCH_MS },
    fetcher,
    taxonomy: taxonomy.current,
    logger: logger.child({ component: 'analyze-worker' }),
    metrics,
  });
  const feeds = startFeedWorker({
    sql,
    connection,
    prefix: config.QUEUE_PREFIX,
    fetcher: feedFetcher,
    analyzeQueue,
    taxonomy: taxonomy.current,
    logger: logger.child({ component: 'feed-worker' }),
    metrics,
  });
  const retag = startRetagWorker({ sql, connection, prefix: config.QUEUE_PREFIX, taxonomy, logger: logger.child({ component: 'retag-worker' }), metrics });
  logger.info({ concurrency: config.WORKER_CONCURRENCY, taxonomyVersion: taxonomy.current().version }, 'workers started');
  return {
    async close() {
      await Promise.all([analyze.close(), feeds.close(), retag.close()]);
      taxonomy.close();
      await Promise.all([analyzeQueue.close(), feedQueue.close(), fetcher.close(), feedFetcher.close()]);
      redis.disconnect();
      connection.disconnect();
      await sql.end({ timeout: 5 });
    },
  };
}

/** Closes `running` on the first SIGTERM/SIGINT, then exits; a second signal exits at once. */
export function closeOnSignal(running: Running[], logger: Logger): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'shutting down: finishing jobs in flight');
    Promise.all(running.map((r) => r.close())).then(
      () => {
        logger.info('shut down cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
