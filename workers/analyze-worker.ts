import { createHash } from 'node:crypto';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Sql } from 'postgres';
import { analyzeHtml } from '../src/analyze.ts';
import { BatchWriter } from '../src/db/batch-writer.ts';
import { getFetchState, markFailed, markUnchanged, writeAnalyses } from '../src/db/postings.sql.ts';
import type { AnalysisWrite } from '../src/db/postings.sql.ts';
import { FetchError, queueRetryDelayMs } from '../src/ingest/fetch/index.ts';
import type { Fetcher } from '../src/ingest/fetch/index.ts';
import { ParseError } from '../src/ingest/parse/index.ts';
import type { Logger } from '../src/logger.ts';
import type { Metrics } from '../src/metrics.ts';
import { ANALYZE_QUEUE, analyzePayload } from '../src/queue.ts';
import type { AnalyzePayload } from '../src/queue.ts';
import type { Taxonomy } from '../src/types.ts';

export interface AnalyzeWorkerDeps {
  sql: Sql;
  /** a connection made with createRedis(url, { forWorker: true }) */
  connection: Redis;
  prefix: string;
  concurrency: number;
  /** BullMQ lockDuration and stalledInterval: how soon jobs of a dead worker are handed out again */
  lockMs: number;
  stalledCheckMs: number;
  /** first retry delay; doubled each attempt, never shorter than a server's Retry-After */
  backoffMs: number;
  batch: { size: number; waitMs: number };
  fetcher: Fetcher;
  /** the taxonomy to tag with now (it follows the stored one) */
  taxonomy: () => Taxonomy;
  logger: Logger;
  metrics: Metrics;
}

export type AnalyzeOutcome = 'analyzed' | 'unchanged';

/** Starts the analyze worker: fetch the posting's page, analyse it, write it (batched). */
export function startAnalyzeWorker(deps: AnalyzeWorkerDeps): { worker: Worker<AnalyzePayload>; close(): Promise<void> } {
  const { sql, logger, metrics } = deps;
  // Jobs in this process that have not finished: when all of them wait on the writer, it writes.
  let running = 0;
  const writer = new BatchWriter<AnalysisWrite>((rows) => writeAnalyses(sql, rows), deps.batch.size, deps.batch.waitMs, () => running);

  const processor = async (job: Job<AnalyzePayload>): Promise<AnalyzeOutcome> => {
    running++;
    try {
      return await analyzeJob(job);
    } finally {
      running--;
      // A job that ended without writing may leave every other one waiting on the batch.
      writer.flushIfFull();
    }
  };

  const analyzeJob = async (job: Job<AnalyzePayload>): Promise<AnalyzeOutcome> => {
    // Payloads may come from older or foreign producers: validate, and never retry a bad one.
    const payload = analyzePayload.safeParse(job.data);
    if (!payload.success) throw new UnrecoverableError(`invalid payload: ${payload.error.issues[0]?.message ?? 'unknown'}`);
    const { postingId, url } = payload.data;
    const posting = await getFetchState(sql, postingId);
    if (!posting) throw new UnrecoverableError(`posting ${postingId} does not exist`);

    const known = posting.status === 'done';
    const page = await deps.fetcher
      .fetch(url, { etag: known ? posting.etag : null, lastModified: known ? posting.lastModified : null, accept: 'html' })
      .catch(async (err: unknown) => {
        if (!(err instanceof FetchError)) throw err;
        metrics.fetchErrors.inc({ code: err.code });
        if (err.retryable) throw err;
        await markFailed(sql, postingId, err.message);
        throw new UnrecoverableError(err.message);
      });

    const contentHash = createHash('sha256').update(page.body).digest('hex');
    if (page.notModified || (known && posting.contentHash === contentHash)) {
      await markUnchanged(sql, postingId, page.fetchedAt);
      return 'unchanged';
    }
    let analyzed: ReturnType<typeof analyzeHtml>;
    try {
      analyzed = analyzeHtml(page.body, { url, fetchedAt: page.fetchedAt }, deps.taxonomy());
    } catch (err) {
      // An empty or binary page: nothing to analyse, and fetching it again would not change that.
      if (!(err instanceof ParseError)) throw err;
      await markFailed(sql, postingId, err.message);
      throw new UnrecoverableError(err.message);
    }
    const { parsed, analysis } = analyzed;
    await writer.add({
      postingId,
      analysis,
      description: parsed.description,
      sections: parsed.sections,
      contentHash,
      fetchedAt: page.fetchedAt,
      etag: page.etag,
      lastModified: page.lastModified,
    });
    return 'analyzed';
  };

  const worker = new Worker<AnalyzePayload, AnalyzeOutcome>(ANALYZE_QUEUE, processor, {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: deps.concurrency,
    lockDuration: deps.lockMs,
    stalledInterval: deps.stalledCheckMs,
    // A 429/503 with a long Retry-After waits in the queue, not in a worker slot.
    settings: { backoffStrategy: (attemptsMade, _type, err) => queueRetryDelayMs(err, attemptsMade, deps.backoffMs) },
  });
  worker.on('completed', (job, outcome) => {
    metrics.jobsCompleted.inc({ queue: ANALYZE_QUEUE });
    logger.debug({ jobId: job.id, postingId: job.data.postingId, outcome }, 'job done');
  });
  worker.on('failed', (job, err) => {
    const final = !job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    metrics.jobsFailed.inc({ queue: ANALYZE_QUEUE, final: String(final) });
    logger.warn({ jobId: job?.id, postingId: job?.data.postingId, attempt: job?.attemptsMade, final, err: err.message }, 'job failed');
    // Out of retries on a transient error: say so on the posting, so nothing fails silently.
    if (final && job && !(err instanceof UnrecoverableError)) {
      markFailed(sql, job.data.postingId, `gave up after ${job.attemptsMade} attempts: ${err.message}`).catch((e: unknown) =>
        logger.error({ err: e, jobId: job.id }, 'could not mark posting failed'),
      );
    }
  });
  worker.on('error', (err) => logger.error({ err }, 'worker error'));

  return {
    worker,
    // close() lets in-flight jobs finish (their writes included) and takes no new ones.
    async close() {
      await worker.close();
      await writer.close();
    },
  };
}
