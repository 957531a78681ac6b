import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/http-server.ts';
import type { TestServer } from '../helpers/http-server.ts';
import { waitFor } from '../helpers/services.ts';
import { startTestStack } from '../helpers/stack.ts';
import type { TestStack } from '../helpers/stack.ts';

// The whole path on the real services: a page served on 127.0.0.1 is POSTed, the worker fetches,
// parses, tags and writes it, GET returns the analysis, and the trend endpoint counts it.

let stack: TestStack;
let pages: TestServer;
let base: string;

beforeAll(async () => {
  const html = await readFile(new URL('../fixtures/pages/python-api-engineer.html', import.meta.url), 'utf8');
  pages = await startServer({
    '/jobs/123': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    },
    // Busy on the first request: the queue must wait out Retry-After, then succeed.
    '/busy': (_req, res) => {
      if (pages.hits('/busy') === 1) {
        res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '1' });
        res.end('<h1>Try again later</h1>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    },
    '/gone': (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not found</h1>');
    },
  });
  stack = await startTestStack();
  base = stack.url;
});

afterAll(async () => {
  await stack?.close();
  await pages?.close();
});

async function getJson(path: string) {
  const res = await fetch(base + path);
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
}

async function post(body: unknown, query = '') {
  const res = await fetch(`${base}/api/v1/postings${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}
const submit = (url: string) => post({ url });

describe('posting pipeline', () => {
  it('analyses a submitted URL and serves the analysis and the trend', async () => {
    const started = Date.now();
    const submitted = await submit(pages.url('/jobs/123?utm_source=newsletter'));
    expect(submitted.status).toBe(202);
    const id = submitted.body.data.id as number;

    const done = await waitFor(async () => {
      const r = await getJson(`/api/v1/postings/${id}`);
      return r.body.data.status === 'done' ? r.body.data : null;
    });
    const elapsedMs = Date.now() - started;
    console.info(`local URL analysed in ${elapsedMs} ms`);

    expect(done.url).toBe(pages.url('/jobs/123'));
    const a = done.analysis;
    // mention offsets point into the description served alongside
    for (const s of a.skills) for (const m of s.mentions) expect(done.description.slice(m.start, m.end)).toBe(m.text);
    expect(a.title).toBe('Senior Python API Engineer');
    expect(a.company).toBe('Lindqvist Payments');
    expect(a.roles[0].role).toBe('api-integration');
    const skills = new Map(a.skills.map((s: any) => [s.skill, s]));
    for (const id of ['fastapi', 'postgresql', 'python', 'docker', 'git', 'pytest']) expect(skills.has(id), id).toBe(true);
    expect((skills.get('aws') as any)?.requirement).toBe('preferred');

    // Statistics wait at most 250 ms for the rollups to catch up, then answer with the lag in
    // meta.refreshedAt: on a busy machine the posting may show a moment later.
    const week = await waitFor(async () => {
      const trend = await getJson('/api/v1/trends/roles?from=2026-11-01&to=2026-11-30');
      expect(trend.status).toBe(200);
      return trend.body.data.find((r: any) => r.role === 'api-integration') ?? null;
    });
    expect(week).toMatchObject({ period: '2026-11-16', count: 1, share: 1 });
  });

  it('finds the same posting when the URL is submitted again, tracking parameters and all', async () => {
    const first = await submit(pages.url('/jobs/123'));
    const again = await submit(pages.url('/jobs/123?utm_campaign=x#apply'));
    expect(again.body.data.id).toBe(first.body.data.id);
    expect(again.body.meta.created).toBe(0);
  });

  it('answers with the analysis when it is ready within ?wait', async () => {
    const r = await post({ url: pages.url('/jobs/123?ref=waiting') }, '?wait=5');
    expect(r.status).toBe(200);
    expect(r.body.meta.ready).toBe(true);
    expect(r.body.data.status).toBe('done');
    expect(r.body.data.analysis.title).toBe('Senior Python API Engineer');
  });

  it('takes many URLs at once, and pasted HTML or text, analysed at once and deduplicated', async () => {
    const many = await post({ urls: [pages.url('/jobs/123'), pages.url('/gone'), pages.url('/jobs/123?utm_source=x')] });
    expect(many.status).toBe(202);
    expect(many.body.data).toHaveLength(2); // the two spellings of /jobs/123 are one posting

    const html = await readFile(new URL('../fixtures/pages/python-api-engineer.html', import.meta.url), 'utf8');
    const pasted = await post({ html });
    expect(pasted.status).toBe(200);
    expect(pasted.body.data.analysis.company).toBe('Lindqvist Payments');
    const text = 'Data scientist wanted. You will build forecasting models in Python with pandas and scikit-learn.';
    const first = await post({ text, title: 'Data Scientist' });
    const again = await post({ text, title: 'Data Scientist' });
    expect(first.body.data.analysis.roles[0].role).toBe('data-science-ml');
    expect(again.body.data.id).toBe(first.body.data.id);

    const bad = await post({ urls: [pages.url('/jobs/1'), 'ftp://example.com/x'] });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/urls\.1/);
    const neither = await post({ title: 'only a title' });
    expect(neither.status).toBe(400);
  });

  it('retries a busy page through the queue, no sooner than its Retry-After', async () => {
    const started = Date.now();
    const { body } = await submit(pages.url('/busy'));
    await waitFor(async () => (await getJson(`/api/v1/postings/${body.data.id}`)).body.data.status === 'done');
    expect(pages.hits('/busy')).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('marks a posting whose page is gone as failed, with the reason', async () => {
    const { body } = await submit(pages.url('/gone'));
    const failed = await waitFor(async () => {
      const r = await getJson(`/api/v1/postings/${body.data.id}`);
      return r.body.data.status === 'failed' ? r.body.data : null;
    });
    expect(failed.error).toMatch(/404/);
  });

  it('answers bad input with problem+json naming the field', async () => {
    const res = await fetch(`${base}/api/v1/postings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'not a url' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as any;
    expect(problem.detail).toContain('body.url');

    const missing = await getJson('/api/v1/postings/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.title).toBe('Not Found');

    const badDate = await getJson('/api/v1/trends/roles?from=yesterday');
    expect(badDate.status).toBe(400);
    expect(badDate.body.detail).toContain('query.from');
  });

  it('reports health and Prometheus metrics', async () => {
    const health = await getJson('/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body.data).toMatchObject({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('roleradar_queue_jobs{queue="analyze",state="waiting"}');
    expect(metrics).toMatch(/roleradar_jobs_completed_total\{queue="analyze"\} [1-9]/);
    expect(metrics).toContain('roleradar_http_request_duration_seconds_bucket');
  });
});
