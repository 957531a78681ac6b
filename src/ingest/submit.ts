import type { Queue } from 'bullmq';
import type { Sql } from 'postgres';
import { upsertSubmittedPostings } from '../db/postings.sql.ts';
import type { SubmittedPosting } from '../db/postings.sql.ts';
import { enqueueAnalyze, retryAnalyze } from '../queue.ts';
import type { AnalyzePayload } from '../queue.ts';
import { canonicalizeUrl } from './canonical-url.ts';

/**
 * Submits posting URLs for analysis (API and CLI alike): canonicalise, find or create the
 * postings in one statement, queue their analysis. A re-submitted done posting is re-checked
 * (the worker skips unchanged content); a failed one is retried.
 */
export async function submitUrls(sql: Sql, queue: Queue<AnalyzePayload>, urls: string[]): Promise<SubmittedPosting[]> {
  const postings = await upsertSubmittedPostings(
    sql,
    urls.map((url) => ({ url, canonicalUrl: canonicalizeUrl(url) })),
  );
  const payload = (p: SubmittedPosting) => ({ postingId: p.id, url: p.canonicalUrl });
  await enqueueAnalyze(queue, postings.filter((p) => p.status !== 'failed').map(payload));
  for (const p of postings.filter((p) => p.status === 'failed')) await retryAnalyze(queue, payload(p));
  return postings;
}
