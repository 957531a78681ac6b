// The queue boundary's promises: payloads are ids and URLs only, a jobId makes a re-submit add
// nothing, a failing page is retried with exponential backoff (JOB_ATTEMPTS, JOB_BACKOFF_MS), and a
// job out of retries is kept in the failed list with its reason.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeJobId, createAnalyzeQueue, enqueueAnalyze } from '../../../src/queue.ts';
import { createRedis } from '../../../src/redis.ts';
import { startServer } from '../../helpers/http-server.ts';
import type { TestServer } from '../../helpers/http-server.ts';
import { REDIS_URL, deletePrefix, testPrefix, waitFor } from '../../helpers/services.ts';
import { startTestStack } from '../../helpers/stack.ts';
import type { TestStack } from '../../helpers/stack.ts';

let pages: TestServer;
const hitTimes: number[] = [];

beforeAll(async () => {
  pages = await startServer({
    '/empty': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(' \n ');
    },
    '/job': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><head><title>Python Engineer</title></head><body><h1>Python Engineer</h1><p>We build APIs with FastAPI and PostgreSQL.</p></body></html>');
    },
    '/broken': (_req, res) => {
      hitTimes.push(Date.now());
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<h1>Internal error</h1>');
    },
  });
});
afterAll(async () => {
  await pages?.close();
});

describe('analyze queue jobs', () => {
  it('carry only ids and URLs, take their retry settings from the config, and are added once per jobId', async () => {
    const prefix = testPrefix();
    const redis = createRedis(REDIS_URL);
    const queue = createAnalyzeQueue(redis, { prefix, attempts: 4, backoffMs: 1500 });
    try {
      const a = { postingId: 1, url: 'https://jobs.example.com/1' };
      const b = { postingId: 2, url: 'https://jobs.example.com/2' };
      await enqueueAnalyze(queue, [a, b, a]);
      await enqueueAnalyze(queue, [b, { ...a, html: '<h1>never stored</h1>' } as typeof a]);
      expect(await queue.getWaitingCount()).toBe(2);
      const job = (await queue.getJob(analyzeJobId(a)))!;
      expect(job.data).toEqual(a);
      expect(job.opts.attempts).toBe(4);
      expect(job.opts.backoff).toMatchObject({ delay: 1500 });
      await expect(enqueueAnalyze(queue, [{ postingId: 3, url: 'not a url' }])).rejects.toThrow();
    } finally {
      await queue.close();
      redis.disconnect();
      await deletePrefix(prefix);
    }
  });

  it('log each job as structured JSON carrying its jobId and posting id', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const stack = await startTestStack({ logger: pino({ level: 'debug', base: { pid: process.pid } }, sink) });
    try {
      const url = pages.url('/job');
      const submitted = await stack.call('POST', '/api/v1/postings', { url });
      const id = submitted.body.data.id as number;
      await waitFor(async () => (await stack.call('GET', `/api/v1/postings/${id}`)).body.data.status === 'done');
      const done = await waitFor(async () => lines.find((l) => l.msg === 'job done' && l.postingId === id) ?? null);
      expect(done).toMatchObject({ level: 20, jobId: analyzeJobId({ postingId: id, url }), outcome: expect.any(String) });
    } finally {
      await stack.close();
    }
  });

  describe('with a worker', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({ config: { JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '300' } });
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('retries a failing page with exponential backoff, then keeps the job in the failed list with its reason', async () => {
      const submitted = await stack.call('POST', '/api/v1/postings', { url: pages.url('/broken') });
      expect(submitted.status).toBe(202);
      const id = submitted.body.data.id as number;

      const failed = await waitFor(async () => {
        const r = await stack.call('GET', `/api/v1/postings/${id}`);
        return r.body.data.status === 'failed' ? r.body.data : null;
      });
      expect(failed.error).toMatch(/gave up after 3 attempts.*500/);
      expect(hitTimes).toHaveLength(3);
      const [first, second] = [hitTimes[1]! - hitTimes[0]!, hitTimes[2]! - hitTimes[1]!];
      expect(first).toBeGreaterThanOrEqual(300);
      expect(second).toBeGreaterThanOrEqual(600); // doubled

      const list = await waitFor(async () => {
        const r = await stack.call('GET', '/api/v1/queues/analyze/failed');
        return r.body.meta.total > 0 ? r.body : null;
      });
      expect(list.data).toHaveLength(1);
      expect(list.data[0]).toMatchObject({ data: { postingId: id, url: pages.url('/broken') }, attemptsMade: 3 });
      expect(list.data[0].failedReason).toMatch(/500/);

      const metrics = await (await fetch(`${stack.url}/metrics`)).text();
      expect(metrics).toMatch(/roleradar_jobs_failed_total\{queue="analyze",final="true"\} 1/);
      expect(metrics).toMatch(/roleradar_fetch_errors_total\{code="[^"]+"\} 3/);
    });

    it('fails a page with nothing to analyse (empty, binary) at once with the reason: fetching it again changes nothing', async () => {
      const submitted = await stack.call('POST', '/api/v1/postings', { url: pages.url('/empty') });
      const failed = await waitFor(async () => {
        const r = await stack.call('GET', `/api/v1/postings/${submitted.body.data.id}`);
        return r.body.data.status === 'failed' ? r.body.data : null;
      });
      expect(failed.error).toBe('page is empty');
      expect(pages.hits('/empty')).toBe(1);
    });
  });
});
