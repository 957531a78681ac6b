import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Sql } from 'postgres';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { Fetcher } from '../ingest/fetch/index.ts';
import type { AnalyzePayload, FeedPayload, RetagPayload } from '../queue.ts';
import type { Taxonomy } from '../types.ts';

/** Everything the HTTP app needs, passed in (no singletons): tests build their own. */
export interface ApiDeps {
  sql: Sql;
  redis: Redis;
  analyzeQueue: Queue<AnalyzePayload>;
  feedQueue: Queue<FeedPayload>;
  /** for registering feeds whose kind must be read off their content */
  fetcher: Fetcher;
  logger: Logger;
  metrics: Metrics;
  /** the taxonomy pasted postings are tagged with now (it follows the stored one, as the workers do) */
  taxonomy: () => Taxonomy;
  /** where taxonomy edits queue the re-tagging of stored postings */
  retagQueue: Queue<RetagPayload>;
  /**
   * Brings the day rollups up to date (only the days written since the last refresh). The
   * runtime runs it in the statistics refresher's thread: at scale it counts every posting of
   * those days, seconds of CPU that must not hold up the requests waiting on this event loop.
   */
  catchUpStats: () => Promise<unknown>;
  /** bytes the statistics routes may keep: rollup rows and finished answers (defaults: 64 and 32 MB) */
  statsMemory?: { rowBytes: number; answerBytes: number };
}

/** Hono context variables set by the app's middleware. */
export interface AppEnv {
  Variables: { requestId: string; log: Logger };
}
