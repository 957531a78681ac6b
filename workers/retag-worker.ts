import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Sql } from 'postgres';
import { retagPostings } from '../src/admin/retag.ts';
import type { RetagReport } from '../src/admin/retag.ts';
import type { TaxonomySource } from '../src/admin/taxonomy-source.ts';
import type { Logger } from '../src/logger.ts';
import type { Metrics } from '../src/metrics.ts';
import { RETAG_QUEUE, retagPayload } from '../src/queue.ts';
import type { RetagPayload } from '../src/queue.ts';

export interface RetagWorkerDeps {
  sql: Sql;
  connection: Redis;
  prefix: string;
  taxonomy: TaxonomySource;
  logger: Logger;
  metrics: Metrics;
}

/** Starts the re-tag worker: one job re-tags stored postings with one taxonomy version. */
export function startRetagWorker(deps: RetagWorkerDeps): { worker: Worker<RetagPayload>; close(): Promise<void> } {
  const { logger, metrics } = deps;
  const processor = async (job: Job<RetagPayload>): Promise<RetagReport | 'superseded'> => {
    const payload = retagPayload.safeParse(job.data);
    if (!payload.success) throw new UnrecoverableError(`invalid payload: ${payload.error.issues[0]?.message ?? 'unknown'}`);
    await deps.taxonomy.refresh();
    const taxonomy = deps.taxonomy.current();
    // A later edit replaced this version: its own job re-tags with it.
    if (taxonomy.version !== payload.data.version) return 'superseded';
    const report = await retagPostings(deps.sql, taxonomy, { onProgress: (done, total) => void job.updateProgress({ done, total }) });
    logger.info({ jobId: job.id, version: taxonomy.version, postings: report.postings, changed: report.changes.length }, 'postings re-tagged');
    return report;
  };
  const worker = new Worker<RetagPayload, RetagReport | 'superseded'>(RETAG_QUEUE, processor, { connection: deps.connection, prefix: deps.prefix, concurrency: 1 });
  worker.on('completed', () => metrics.jobsCompleted.inc({ queue: RETAG_QUEUE }));
  worker.on('failed', (job, err) => {
    metrics.jobsFailed.inc({ queue: RETAG_QUEUE, final: String(!job || job.attemptsMade >= (job.opts.attempts ?? 1)) });
    logger.warn({ jobId: job?.id, err: err.message }, 're-tag failed');
  });
  worker.on('error', (err) => logger.error({ err }, 're-tag worker error'));
  return { worker, close: () => worker.close() };
}
