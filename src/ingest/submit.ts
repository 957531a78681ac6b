import { setImmediate } from 'node:timers/promises';
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
  const postings = await upsertSubmittedPostings(sql, await canonicalizeAll(urls));
  const payload = (p: SubmittedPosting) => ({ postingId: p.id, url: p.canonicalUrl });
  await enqueueAnalyze(queue, postings.filter((p) => p.status !== 'failed').map(payload));
  for (const p of postings.filter((p) => p.status === 'failed')) await retryAnalyze(queue, payload(p));
  return postings;
}

// URLs canonicalised per slice, letting the event loop run between slices: 1,000 at once held
// an API process for ~10-20 ms, and every trend request arriving meanwhile waited.
const SLICE = 100;
async function canonicalizeAll(urls: string[]): Promise<Array<{ url: string; canonicalUrl: string }>> {
  const out: Array<{ url: string; canonicalUrl: string }> = [];
  for (let i = 0; i < urls.length; i += SLICE) {
    if (i > 0) await setImmediate();
    for (const url of urls.slice(i, i + SLICE)) out.push({ url, canonicalUrl: canonicalizeUrl(url) });
  }
  return out;
}
