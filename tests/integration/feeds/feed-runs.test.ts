import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedQueue, syncFeedSchedules } from '../../../src/queue.ts';
import { createRedis } from '../../../src/redis.ts';
import { startServer } from '../../helpers/http-server.ts';
import type { TestServer } from '../../helpers/http-server.ts';
import { REDIS_URL, waitFor } from '../../helpers/services.ts';
import { startTestStack } from '../../helpers/stack.ts';
import type { TestStack } from '../../helpers/stack.ts';

// Nightly ingestion on the real services: a Greenhouse-style board and an RSS feed served on
// 127.0.0.1 are registered through the API and run; postings are created, updated, linked as
// reposts and closed when the board stops listing them.

interface Job { id: number; title: string; office: string; body: string }

const job = (id: number, title: string, office: string, body: string): Job => ({ id, title, office, body });
let board: Job[] = [
  job(101, 'Machine Learning Engineer', 'Austin, TX', '<p>Train forecasting models with Python, pandas and PyTorch.</p><h3>Requirements</h3><ul><li>scikit-learn and NumPy</li></ul>'),
  job(102, 'Backend Engineer, Payments API', 'Remote', '<p>Build REST APIs with FastAPI and PostgreSQL; integrate payment gateways.</p>'),
  job(103, 'DevOps Engineer', 'Berlin, Germany', '<p>Own our Jenkins and GitHub Actions pipelines and Docker images on AWS.</p>'),
];

let stack: TestStack;
let server: TestServer;

function greenhouseBody(): string {
  const base = server.url('');
  return JSON.stringify({
    jobs: board.map((j) => ({
      id: j.id,
      title: j.title,
      absolute_url: `${base}/careers/jobs/${j.id}`,
      location: { name: j.office },
      updated_at: '2026-11-20T10:00:00Z',
      first_published: '2026-11-18T10:00:00Z',
      company_name: 'Quillfeather Analytics',
      // Greenhouse escapes the HTML once more inside JSON
      content: j.body.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'),
      metadata: [],
    })),
    meta: { total: board.length },
  });
}

// Lever's postings API names no company: the feed's name stands in for it.
const leverBody = (id: string) =>
  JSON.stringify([
    {
      id,
      text: 'Platform Engineer',
      hostedUrl: server.url(`/lever/${id}`),
      createdAt: 1763460000000,
      categories: { location: 'Stockholm', commitment: 'Full-time' },
      descriptionPlain: 'Run our Kubernetes clusters on AWS with Terraform.',
      lists: [],
    },
  ]);

const rssBody = () => `<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs at Harbor Labs</title><link>${server.url('/')}</link>
  <item><title>Data Engineer</title><link>${server.url('/pages/data-engineer')}</link><guid>de-1</guid><pubDate>Wed, 18 Nov 2026 10:00:00 GMT</pubDate></item>
</channel></rss>`;

beforeAll(async () => {
  server = await startServer({
    '/board.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(greenhouseBody()),
    '/lever-a.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(leverBody('a1')),
    '/lever-b.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(leverBody('b2')),
    '/feed.rss': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssBody()),
    '/pages/data-engineer': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<html><head><title>Data Engineer | Harbor Labs</title></head><body><main><h1>Data Engineer</h1><p>Harbor Labs builds pipelines with Python, Airflow and Spark on GCP.</p></main></body></html>'),
  });
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.close();
  await server?.close();
});

const call = (method: string, path: string, body?: unknown) => stack.call(method, path, body);

async function runAndWait(feedId: number, previousRuns: number) {
  // "run now" dedupes clicks within a minute; these runs are deliberate, so add them directly.
  const redis = createRedis(REDIS_URL);
  const queue = createFeedQueue(redis, { prefix: stack.prefix, attempts: 1, backoffMs: 100 });
  await queue.add('run-feed', { feedId }, { jobId: `test-run-${feedId}-${previousRuns}` });
  await queue.close();
  redis.disconnect();
  return waitFor(async () => {
    const runs = (await call('GET', `/api/v1/feeds/${feedId}/runs`)).body.data;
    return runs.length > previousRuns && runs[0].status !== 'running' ? runs[0] : null;
  });
}

describe('feed runs', () => {
  let feedId: number;

  it('registers a feed, detecting its kind from the content, and schedules it nightly', async () => {
    const created = await call('POST', '/api/v1/feeds', { url: server.url('/board.json'), timezone: 'Europe/Berlin' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ kind: 'greenhouse', cron: '0 3 * * *', timezone: 'Europe/Berlin', enabled: true });
    feedId = created.body.data.id;

    const again = await call('POST', '/api/v1/feeds', { url: server.url('/board.json'), kind: 'greenhouse' });
    expect(again.status).toBe(409);
    const bad = await call('POST', '/api/v1/feeds', { url: server.url('/board.json'), cron: 'every night' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/cron/);
  });

  it('keeps one schedule per feed however many processes sync it', async () => {
    const redis = createRedis(REDIS_URL);
    const queues = [createFeedQueue(redis, { prefix: stack.prefix, attempts: 1, backoffMs: 1 }), createFeedQueue(redis, { prefix: stack.prefix, attempts: 1, backoffMs: 1 })];
    const feeds = (await call('GET', '/api/v1/feeds')).body.data;
    await Promise.all(queues.map((q) => syncFeedSchedules(q, feeds)));
    const schedulers = await queues[0]!.getJobSchedulers(0, -1);
    expect(schedulers.filter((s) => s.key === `feed-${feedId}`)).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ pattern: '0 3 * * *', tz: 'Europe/Berlin' });
    const delayed = await queues[0]!.getDelayed();
    expect(delayed.filter((j) => j.data.feedId === feedId)).toHaveLength(1);
    await Promise.all(queues.map((q) => q.close()));
    redis.disconnect();
  });

  it('a run stores and analyses every posting the board carries', async () => {
    const run = await runAndWait(feedId, 0);
    expect(run).toMatchObject({ status: 'succeeded', seen: 3, new: 3, updated: 0, closed: 0, failed: 0 });
    const rows = await stack.db.sql`select title, status, primary_role, company from postings where feed_id = ${feedId} order by external_id`;
    expect(rows.map((r) => [r.title, r.status, r.primaryRole])).toEqual([
      ['Machine Learning Engineer', 'done', 'data-science-ml'],
      ['Backend Engineer, Payments API', 'done', 'api-integration'],
      ['DevOps Engineer', 'done', 'automation-devops'],
    ]);
    // Where each field came from is kept (the markup report is not: the feed adapter wrote the JobPosting).
    const [one] = await stack.db.sql`select analysis->'structuredData' as sd from postings where feed_id = ${feedId} order by external_id limit 1`;
    expect(one!.sd).toMatchObject({ source: 'json-ld', issues: [], fields: { title: 'json-ld' } });
  });

  it('the next runs count updates and reposts, and close what the board stopped listing', async () => {
    board = [
      { ...board[0]!, body: board[0]!.body + '<p>Bonus: experience with Keras.</p>' }, // changed
      board[1]!,
      job(104, 'Machine Learning Engineer', 'Austin, TX', board[0]!.body), // the same opening, reposted under a new id
    ];
    const second = await runAndWait(feedId, 1);
    expect(second).toMatchObject({ status: 'succeeded', seen: 3, new: 1, updated: 1, duplicates: 1, closed: 0 });
    const third = await runAndWait(feedId, 2);
    expect(third).toMatchObject({ status: 'succeeded', seen: 3, new: 0, updated: 0, closed: 1 });
    const [devops] = await stack.db.sql`select closed_at, missed_runs from postings where external_id = '103'`;
    expect(devops!.closedAt).toBeInstanceOf(Date);
    expect(devops!.missedRuns).toBe(2);
  });

  it('link-only feeds queue the posting pages for the analyze worker', async () => {
    const created = await call('POST', '/api/v1/feeds', { url: server.url('/feed.rss') });
    expect(created.body.data.kind).toBe('rss');
    const run = await runAndWait(created.body.data.id, 0);
    expect(run).toMatchObject({ status: 'succeeded', seen: 1, new: 1 });
    const done = await waitFor(async () => {
      const [row] = await stack.db.sql`select status, title, company from postings where feed_id = ${created.body.data.id}`;
      return row?.status === 'done' ? row : null;
    });
    expect(done.title).toBe('Data Engineer');
  });

  it("a board whose API names no company takes its feed's name as the company, and stays without one when the feed has none", async () => {
    for (const [path, name, company] of [['/lever-a.json', 'Fjordline AB', 'Fjordline AB'], ['/lever-b.json', undefined, null]] as const) {
      const created = await call('POST', '/api/v1/feeds', { url: server.url(path), kind: 'lever', ...(name && { name }) });
      expect(created.status).toBe(201);
      const run = await runAndWait(created.body.data.id, 0);
      expect(run).toMatchObject({ status: 'succeeded', seen: 1, new: 1, failed: 0 });
      const [row] = await stack.db.sql`select title, company, status from postings where feed_id = ${created.body.data.id}`;
      expect({ title: row!.title, company: row!.company, status: row!.status }).toEqual({ title: 'Platform Engineer', company, status: 'done' });
    }
  });

  it('a feed that cannot be read records a failed run with the reason', async () => {
    const created = await call('POST', '/api/v1/feeds', { url: server.url('/missing.json'), kind: 'greenhouse' });
    const run = await runAndWait(created.body.data.id, 0);
    expect(run.status).toBe('failed');
    expect(run.errors.join(' ')).toMatch(/404/);
  });
});
