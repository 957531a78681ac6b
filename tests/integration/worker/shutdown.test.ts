import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertSubmittedPostings } from '../../../src/db/postings.sql.ts';
import { createAnalyzeQueue, enqueueAnalyze } from '../../../src/queue.ts';
import { createRedis } from '../../../src/redis.ts';
import { startServer } from '../../helpers/http-server.ts';
import type { TestServer } from '../../helpers/http-server.ts';
import { runRoleradar } from '../../helpers/processes.ts';
import { REDIS_URL, createTestDatabase, deletePrefix, processEnv, testPrefix, waitFor } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';

// A worker stopped with SIGTERM in the middle of 1,000 postings, then started again, leaves
// every posting done exactly once: jobs in flight finish and write, the rest wait in Redis.

const N = 1000;
let db: TestDatabase;
let prefix: string;
let pages: TestServer;

beforeAll(async () => {
  db = await createTestDatabase();
  prefix = testPrefix();
  const routes: Record<string, (req: unknown, res: import('node:http').ServerResponse) => void> = {};
  for (let i = 0; i < N; i++) {
    routes[`/jobs/${i}`] = (_req, res) => {
      // A little latency per page, so the run lasts long enough to be interrupted.
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<html><head><title>Data Engineer ${i} | Careers</title></head><body><main><h1>Data Engineer ${i}</h1>
          <p>Build pipelines in Python and SQL on AWS. Posting number ${i}.</p><ul><li>Python</li><li>Docker</li></ul></main></body></html>`);
      }, 25);
    };
  }
  pages = await startServer(routes);
});

afterAll(async () => {
  await pages?.close();
  await db?.drop();
  await deletePrefix(prefix);
});

const counts = async () =>
  (
    await db.sql<{ done: number; twice: number; pending: number; failed: number }[]>`
      select count(*) filter (where status = 'done')::int as done,
             count(*) filter (where analyzed_count > 1)::int as twice,
             count(*) filter (where status = 'pending')::int as pending,
             count(*) filter (where status = 'failed')::int as failed
      from postings`
  )[0]!;

describe('worker shutdown', () => {
  it('finishes or returns jobs in flight on SIGTERM; a restarted worker completes the rest, each exactly once', async () => {
    const redis = createRedis(REDIS_URL);
    const queue = createAnalyzeQueue(redis, { prefix, attempts: 3, backoffMs: 100 });
    const urls = Array.from({ length: N }, (_, i) => pages.url(`/jobs/${i}`));
    const postings = await upsertSubmittedPostings(db.sql, urls.map((url) => ({ url, canonicalUrl: url })));
    await enqueueAnalyze(queue, postings.map((p) => ({ postingId: p.id, url: p.canonicalUrl })));

    const env = processEnv(db, prefix, { WORKER_CONCURRENCY: '16' });
    const first = runRoleradar(['worker'], env);
    await waitFor(async () => (await counts()).done >= 150, 60_000);
    first.child.kill('SIGTERM');
    expect(await first.exited, first.output()).toBe(0);

    const afterStop = await counts();
    expect(afterStop.done).toBeGreaterThan(0);
    expect(afterStop.done).toBeLessThan(N); // it really was stopped mid-run
    expect(afterStop.twice).toBe(0);
    const active = await queue.getJobCounts('active');
    expect(active.active).toBe(0); // nothing left half-done

    const second = runRoleradar(['worker'], env);
    await waitFor(async () => (await counts()).done === N, 120_000);
    second.child.kill('SIGTERM');
    expect(await second.exited, second.output()).toBe(0);

    const final = await counts();
    expect(final).toEqual({ done: N, twice: 0, pending: 0, failed: 0 });
    for (let i = 0; i < N; i++) expect(pages.hits(`/jobs/${i}`), `/jobs/${i}`).toBe(1);
    const left = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
    expect(left).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });

    await queue.close();
    redis.disconnect();
  });
});
