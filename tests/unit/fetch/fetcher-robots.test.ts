import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFailure as failure, testFetchers } from '../../helpers/fetchers.ts';
import { startServer, type TestServer } from '../../helpers/http-server.ts';

// robots.txt through the fetcher, with the in-process cache (the Redis cache is an integration test).

const servers: TestServer[] = [];
const fetchers = testFetchers({ respectRobots: true });
const fetcher = () => fetchers.make();

async function site(robots: { status: number; body?: string } | null) {
  const s = await startServer({
    '/robots.txt': (_req, res) => {
      if (!robots) return void res.writeHead(302, { location: '/robots.txt' }).end();
      res.writeHead(robots.status, { 'content-type': 'text/plain' }).end(robots.body ?? '');
    },
    '/jobs/1': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>job 1</p>'),
    '/admin/jobs': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>admin</p>'),
    '/go-admin': (_req, res) => res.writeHead(302, { location: '/admin/jobs' }).end(),
  });
  servers.push(s);
  return s;
}

const RULES = 'User-agent: *\nDisallow: /admin/\n\nUser-agent: SomeoneElse\nDisallow: /\n';

let ok: TestServer;
beforeAll(async () => {
  ok = await site({ status: 200, body: RULES });
});

afterAll(async () => {
  await fetchers.close();
  await Promise.all(servers.map((s) => s.close()));
});

describe('robots.txt', () => {
  it('fetches allowed paths and refuses disallowed ones without requesting them', async () => {
    const f = fetcher();
    expect((await f.fetch(ok.url('/jobs/1'))).body).toBe('<p>job 1</p>');
    const err = await failure(f.fetch(ok.url('/admin/jobs')));
    expect(err).toMatchObject({ code: 'robots', retryable: false });
    expect(err.message).toContain('robots.txt');
    expect(ok.hits('/admin/jobs')).toBe(0);
  });

  it('checks robots.txt again on a redirect target', async () => {
    expect((await failure(fetcher().fetch(ok.url('/go-admin')))).code).toBe('robots');
    expect(ok.hits('/admin/jobs')).toBe(0);
  });

  it('fetches robots.txt once per origin per fetcher', async () => {
    const s = await site({ status: 200, body: RULES });
    const f = fetcher();
    await Promise.all([f.fetch(s.url('/jobs/1')), f.fetch(s.url('/jobs/1')), f.fetch(s.url('/jobs/1'))]);
    await failure(f.fetch(s.url('/admin/jobs')));
    expect(s.hits('/robots.txt')).toBe(1);
    expect(s.hits('/jobs/1')).toBe(3);
  });

  it('spaces requests by Crawl-delay when it is longer than the configured interval', async () => {
    const arrivals: number[] = [];
    const s = await startServer({
      '/robots.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: RoleRadar\nCrawl-delay: 0.4\n'),
      '/jobs/1': (_req, res) => {
        arrivals.push(Date.now());
        res.writeHead(200, { 'content-type': 'text/html' }).end('<p>job 1</p>');
      },
    });
    servers.push(s);
    const f = fetcher();
    await Promise.all([f.fetch(s.url('/jobs/1')), f.fetch(s.url('/jobs/1')), f.fetch(s.url('/jobs/1'))]);
    const sorted = arrivals.sort((a, b) => a - b);
    expect((sorted[1] as number) - (sorted[0] as number)).toBeGreaterThanOrEqual(340);
    expect((sorted[2] as number) - (sorted[1] as number)).toBeGreaterThanOrEqual(340);
  });

  it('treats a missing robots.txt as no rules', async () => {
    const s = await site({ status: 404 });
    expect((await fetcher().fetch(s.url('/admin/jobs'))).body).toBe('<p>admin</p>');
  });

  it('treats a robots.txt redirect loop as no rules (RFC 9309)', async () => {
    const s = await site(null);
    expect((await fetcher().fetch(s.url('/jobs/1'))).body).toBe('<p>job 1</p>');
  });

  it('refuses everything, retryably, while robots.txt answers 5xx', async () => {
    const s = await site({ status: 503 });
    const err = await failure(fetcher().fetch(s.url('/jobs/1')));
    // retryAfterMs points past the cached "unreachable", so even in-process retries do not spin
    expect(err).toMatchObject({ code: 'robots', retryable: true, retryAfterMs: 600_000 });
    expect(err.message).toContain('503');
    expect(s.hits('/jobs/1')).toBe(0);
    expect(s.hits('/robots.txt')).toBe(1);
  });
});
