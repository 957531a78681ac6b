import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { getFeed } from '../src/db/feeds.sql.ts';
import type { RunCounts } from '../src/db/feeds.sql.ts';
import { runFeed } from '../src/ingest/feed-run.ts';
import type { FeedRunDeps } from '../src/ingest/feed-run.ts';
import type { Metrics } from '../src/metrics.ts';
import { FEED_QUEUE, feedPayload } from '../src/queue.ts';
import type { FeedPayload } from '../src/queue.ts';

export interface FeedWorkerDeps extends FeedRunDeps {
  connection: Redis;
  prefix: string;
  metrics: Metrics;
}

/** Starts the feed worker: one job is one run of one feed (scheduled nightly, or "run now"). */
export function startFeedWorker(deps: FeedWorkerDeps): { worker: Worker<FeedPayload>; close(): Promise<void> } {
  const { logger, metrics } = deps;
  const processor = async (job: Job<FeedPayload>): Promise<RunCounts> => {
    const payload = feedPayload.safeParse(job.data);
    if (!payload.success) throw new UnrecoverableError(`invalid payload: ${payload.error.issues[0]?.message ?? 'unknown'}`);
    const feed = await getFeed(deps.sql, payload.data.feedId);
    // A feed deleted after its job was scheduled: nothing to do, and no reason to retry.
    if (!feed) throw new UnrecoverableError(`feed ${payload.data.feedId} does not exist`);
    if (!feed.enabled) return { seen: 0, new: 0, updated: 0, duplicates: 0, closed: 0, failed: 0 };
    return runFeed({ ...deps, logger: logger.child({ jobId: job.id, feedId: feed.id }) }, feed);
  };
  // Two feeds at a time: a run mostly waits on the network and on the analyze queue.
  const worker = new Worker<FeedPayload, RunCounts>(FEED_QUEUE, processor, { connection: deps.connection, prefix: deps.prefix, concurrency: 2 });
  worker.on('completed', () => metrics.jobsCompleted.inc({ queue: FEED_QUEUE }));
  worker.on('failed', (job, err) => {
    const final = !job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    metrics.jobsFailed.inc({ queue: FEED_QUEUE, final: String(final) });
    logger.warn({ jobId: job?.id, feedId: job?.data.feedId, final, err: err.message }, 'feed run failed');
  });
  worker.on('error', (err) => logger.error({ err }, 'feed worker error'));
  return { worker, close: () => worker.close() };
}
