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

export interface QueueSettings {
  prefix: string;
  attempts: number;
  backoffMs: number;
}

/** The analyze queue; every producer and worker of one deployment uses the same prefix. */
export function createAnalyzeQueue(connection: Redis, settings: QueueSettings): Queue<AnalyzePayload> {
  const defaultJobOptions: JobsOptions = {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs },
    // Done jobs live on in Postgres; failed ones stay in Redis with their reason for a week.
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  };
  return new Queue<AnalyzePayload>(ANALYZE_QUEUE, { connection, prefix: settings.prefix, defaultJobOptions });
}

/** jobId from the posting id and URL: a re-submit while a job is queued or running adds nothing. */
export function analyzeJobId(p: AnalyzePayload): string {
  return `p${p.postingId}-${createHash('sha1').update(p.url).digest('hex').slice(0, 16)}`;
}

/** Enqueues analyses in bulk, one round trip per 1,000 jobs. */
export async function enqueueAnalyze(queue: Queue<AnalyzePayload>, payloads: AnalyzePayload[]): Promise<void> {
  for (let i = 0; i < payloads.length; i += 1000) {
    const chunk = payloads.slice(i, i + 1000).map((data) => analyzePayload.parse(data));
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
