import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultTaxonomy } from '../../../src/classify/index.ts';
import { insertFeed, listRuns } from '../../../src/db/feeds.sql.ts';
import { runFeed } from '../../../src/ingest/feed-run.ts';
import { createFetcher } from '../../../src/ingest/fetch/index.ts';
import { createLogger } from '../../../src/logger.ts';
import { createAnalyzeQueue } from '../../../src/queue.ts';
import { createRedis } from '../../../src/redis.ts';
import { startServer } from '../../helpers/http-server.ts';
import type { TestServer } from '../../helpers/http-server.ts';
import { REDIS_URL, createTestDatabase } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';

// A run's errors are served by the API to feed admins: what was wrong with the feed is said
// plainly; our own failures (here: a table is missing) are logged, and the run says only that.

let db: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServer({
    '/feed.rss': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title>
        <item><title>Data Engineer</title><link>${server.url('/jobs/1')}</link><guid>1</guid></item></channel></rss>`),
    '/not-a-feed': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<html><body>moved</body></html>'),
  });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

async function runOnce(path: string) {
  const fetcher = createFetcher({ allowHosts: ['127.0.0.1'], timeoutMs: 3000, maxBytes: 1_000_000, userAgent: 'RoleRadar-test', respectRobots: false, maxRetries: 0 });
  const redis = createRedis(REDIS_URL);
  const analyzeQueue = createAnalyzeQueue(redis, { prefix: `feed-run-errors-${Date.now()}`, attempts: 1, backoffMs: 10 });
  const feed = await insertFeed(db.sql, { url: server.url(path), kind: 'rss' });
  const failure = await runFeed({ sql: db.sql, fetcher, analyzeQueue, taxonomy: loadDefaultTaxonomy, logger: createLogger('silent') }, feed).catch((err: unknown) => err);
  await fetcher.close();
  await analyzeQueue.obliterate({ force: true });
  await analyzeQueue.close();
  redis.disconnect();
  const [latest] = await listRuns(db.sql, feed.id);
  return { failure, run: latest! };
}

describe('feed run errors', () => {
  it('records an internal failure as such, without its details', async () => {
    // This file's own database: a missing table stands in for any failure of ours.
    await db.sql`alter table postings rename to postings_away`;
    const { failure, run } = await runOnce('/feed.rss').finally(() => db.sql`alter table postings_away rename to postings`);
    expect(String(failure)).toMatch(/postings/); // the worker still sees (and logs) the real error
    expect(failure).toBeInstanceOf(Error);
    expect(run.status).toBe('failed');
    expect(run.errors).toEqual([expect.stringMatching(/^internal error while running the feed \(logged with run \d+\); it will be retried$/)]);
  });

  it("records what is wrong with the feed itself in the feed's words", async () => {
    const { run } = await runOnce('/not-a-feed');
    expect(run.status).toBe('failed');
    expect(run.errors.join(' ')).toMatch(/rss|feed/i);
    expect(run.errors.join(' ')).not.toMatch(/internal error/);
  });
});
