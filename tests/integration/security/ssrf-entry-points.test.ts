import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/http-server.ts';
import { startTestStack } from '../../helpers/stack.ts';
import type { TestStack } from '../../helpers/stack.ts';

// SSRF through the doors a stranger can open: a posting URL (fetched by the worker) and a feed
// URL (fetched when the feed is registered without a kind). With no host allowlisted, as in
// production, every internal target is refused and the local server behind them sees nothing.

let api: TestStack;
let srv: TestServer;

const FEED = '<?xml version="1.0"?><rss><channel><item><title>T</title><link>https://jobs.example.com/1</link></item></channel></rss>';

beforeAll(async () => {
  srv = await startServer({
    '/posting': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Internal only</h1><p>Python</p>'),
    '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED),
    '/redirect': (req, res) => res.writeHead(302, { location: new URL(req.url ?? '', 'http://x').searchParams.get('to') ?? '/' }).end(),
  });
  // FETCH_ALLOW_HOSTS empty: the test helpers' usual allowlist of 127.0.0.1 and localhost is off.
  api = await startTestStack({ config: { FETCH_ALLOW_HOSTS: '', JOB_ATTEMPTS: '1', FETCH_RESPECT_ROBOTS: 'false' } });
});
afterAll(async () => {
  await api?.close();
  await srv?.close();
});

const internal = (path: string) => [
  `http://127.0.0.1:${srv.port}${path}`,
  `http://localhost:${srv.port}${path}`,
  `http://[::ffff:127.0.0.1]:${srv.port}${path}`,
  `http://2130706433:${srv.port}${path}`,
  `http://0x7f.1:${srv.port}${path}`,
  `http://169.254.169.254/latest/meta-data/`,
];

describe('SSRF through the API', () => {
  it('a submitted posting URL pointing inside ends failed with the SSRF reason, unfetched', async () => {
    const urls = internal('/posting');
    const submitted = await api.call('POST', '/api/v1/postings?wait=20', { urls });
    expect(submitted.status, JSON.stringify(submitted.body)).toBeLessThan(300);
    const rows = submitted.body.data as Array<{ id: number }>;
    // 127.0.0.1, 2130706433 and 0x7f.1 are one URL once parsed: one posting.
    expect(rows).toHaveLength(new Set(urls.map((u) => new URL(u).href)).size);
    for (const { id } of rows) {
      const p = await api.call('GET', `/api/v1/postings/${id}`);
      expect(p.body.data, JSON.stringify(p.body.data)).toMatchObject({ status: 'failed', error: expect.stringMatching(/SSRF guard|blocked/) });
    }
    expect(srv.hits('/posting')).toBe(0);
  });

  it('a feed URL pointing inside cannot be registered (422), and is not fetched', async () => {
    for (const url of [...internal('/feed.xml'), `http://localhost:${srv.port}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${srv.port}/feed.xml`)}`]) {
      const r = await api.call('POST', '/api/v1/feeds', { url });
      expect(r.status, `${url}: ${JSON.stringify(r.body)}`).toBe(422);
      expect(r.body.detail).toMatch(/SSRF guard/);
    }
    expect(srv.hits('/feed.xml')).toBe(0);
    expect(srv.hits('/redirect')).toBe(0);
    expect((await api.call('GET', '/api/v1/feeds')).body.data).toEqual([]);
  });
});
