import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import type { JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';

// The producer side of the queue boundary. Payloads carry ids and URLs, never HTML: the page is
// fetched by the worker, so a job stays small and a retry sees the current page.

export const ANALYZE_QUEUE = 'analyze';

export const analyzePayload = z.object({
  postingId: z.number().int().positive(),
  url: z.string().url(),
});
export type AnalyzePayload = z.infer<typeof analyzePayload>;

export const FEED_QUEUE = 'feeds';
export const RETAG_QUEUE = 'retag';

export const retagPayload = z.object({ version: z.string().min(1) });
export type RetagPayload = z.infer<typeof retagPayload>;

export const feedPayload = z.object({ feedId: z.number().int().positive() });
export type FeedPayload = z.infer<typeof feedPayload>;

/** The analyze queue's backoff type; workers implement it with queueRetryDelayMs. */
export const FETCH_BACKOFF = 'fetch';

export interface QueueSettings {
  prefix: string;
  attempts: number;
  backoffMs: number;
}

/** The analyze queue; every producer and worker of one deployment uses the same prefix. */
export function createAnalyzeQueue(connection: Redis, settings: QueueSettings): Queue<AnalyzePayload> {
  const defaultJobOptions: JobsOptions = {
    attempts: settings.attempts,
    // 'fetch': exponential, but never sooner than a server's Retry-After (the worker's backoffStrategy)
    backoff: { type: FETCH_BACKOFF, delay: settings.backoffMs },
    // Done jobs live on in Postgres; failed ones stay in Redis with their reason for a week.
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  };
  return new Queue<AnalyzePayload>(ANALYZE_QUEUE, { connection, prefix: settings.prefix, defaultJobOptions });
}

/** The feed-run queue: job schedulers put one job per feed per slot; "run now" adds one. */
export function createFeedQueue(connection: Redis, settings: QueueSettings): Queue<FeedPayload> {
  const defaultJobOptions: JobsOptions = {
    attempts: 3,
    backoff: { type: 'exponential', delay: Math.max(settings.backoffMs, 1000) * 5 },
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
  return new Queue<FeedPayload>(FEED_QUEUE, { connection, prefix: settings.prefix, defaultJobOptions });
}

const schedulerId = (feedId: number) => `feed-${feedId}`;

/**
 * Makes the queue's job schedulers match the enabled feeds: one per feed with its cron and time
 * zone. BullMQ keys each slot's job by scheduler id and time, so however many processes call
 * this, each feed runs once per slot.
 */
export async function syncFeedSchedules(queue: Queue<FeedPayload>, feeds: Array<{ id: number; cron: string; timezone: string; enabled: boolean }>): Promise<void> {
  const wanted = new Map(feeds.filter((f) => f.enabled).map((f) => [schedulerId(f.id), f]));
  for (const [id, f] of wanted) {
    await queue.upsertJobScheduler(id, { pattern: f.cron, tz: f.timezone }, { name: 'run-feed', data: { feedId: f.id } });
  }
  for (const s of await queue.getJobSchedulers(0, -1)) {
    if (s.key.startsWith('feed-') && !wanted.has(s.key)) await queue.removeJobScheduler(s.key);
  }
}

/** Queues a run of one feed now; a second click within the same minute adds nothing. */
export async function runFeedNow(queue: Queue<FeedPayload>, feedId: number): Promise<string> {
  const jobId = `feed-${feedId}-now-${Math.floor(Date.now() / 60_000)}`;
  await queue.add('run-feed', { feedId }, { jobId });
  return jobId;
}

/** The re-tag queue: one job per taxonomy version (jobId), run by one worker at a time. */
export function createRetagQueue(connection: Redis, settings: QueueSettings): Queue<RetagPayload> {
  return new Queue<RetagPayload>(RETAG_QUEUE, {
    connection,
    prefix: settings.prefix,
    defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: { age: 30 * 24 * 3600 }, removeOnFail: { age: 30 * 24 * 3600 } },
  });
}

/** Queues re-tagging of stored postings with taxonomy `version` (once per version). */
export async function enqueueRetag(queue: Queue<RetagPayload>, version: string): Promise<void> {
  await queue.add('retag', { version }, { jobId: `retag-${version}` });
}

/** jobId from the posting id and URL: a re-submit while a job is queued or running adds nothing. */
export function analyzeJobId(p: AnalyzePayload): string {
  return `p${p.postingId}-${createHash('sha1').update(p.url).digest('hex').slice(0, 16)}`;
}

// Jobs per addBulk: validating and building a chunk's commands holds the event loop, and an API
// process answers nothing else meanwhile (1,000 at once: ~15 ms on a quiet machine).
const ENQUEUE_CHUNK = 200;

/** Enqueues analyses in bulk, one round trip per ENQUEUE_CHUNK jobs. */
export async function enqueueAnalyze(queue: Queue<AnalyzePayload>, payloads: AnalyzePayload[]): Promise<void> {
  for (let i = 0; i < payloads.length; i += ENQUEUE_CHUNK) {
    const chunk = payloads.slice(i, i + ENQUEUE_CHUNK).map((data) => analyzePayload.parse(data));
    await queue.addBulk(chunk.map((data) => ({ name: 'analyze', data, opts: { jobId: analyzeJobId(data) } })));
  }
}

/**
 * Re-runs the analysis of a posting whose job failed for good: the failed job still holds its
 * jobId (kept for a week with its reason), so a plain add would be ignored.
 */
export async function retryAnalyze(queue: Queue<AnalyzePayload>, payload: AnalyzePayload): Promise<void> {
  const job = await queue.getJob(analyzeJobId(payload));
  if (job && (await job.getState()) === 'failed') await job.retry('failed');
  else if (!job) await enqueueAnalyze(queue, [payload]);
}
