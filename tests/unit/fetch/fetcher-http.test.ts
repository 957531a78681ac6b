import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFailure as failure, testFetchers } from '../../helpers/fetchers.ts';
import { startServer, type TestServer } from '../../helpers/http-server.ts';

// The fetcher against a local server that misbehaves in every way the issue lists.

const JOB_HTML = '<!doctype html><html><head><title>Senior Data Engineer – Berlin</title></head><body><h1>Senior Data Engineer</h1></body></html>';
const ETAG = '"v1-4f2a"';
const LAST_MODIFIED = 'Tue, 24 Nov 2026 08:00:00 GMT';
const SITEMAP = '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://careers.example.com/jobs/1</loc></url></urlset>';
const GZIP_BOMB = zlib.gzipSync(Buffer.alloc(40 * 1024 * 1024)); // 40 MB of zeros, ~40 KB on the wire
const counters = new Map<string, number>();
const count = (key: string) => {
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  return n;
};

let srv: TestServer;
// The production retry count (2), with short backoffs so the retry tests stay quick.
const fetchers = testFetchers({ maxBytes: 1024 * 1024, perHostConcurrency: 16, maxRetries: 2, retryBaseMs: 10 });
const fetcher = fetchers.make;

beforeAll(async () => {
  srv = await startServer({
    '/job': (req, res) => {
      if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED) {
        res.writeHead(304, { etag: ETAG }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: ETAG, 'last-modified': LAST_MODIFIED }).end(JOB_HTML);
    },
    '/ua': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${req.headers['user-agent']}|${req.headers['accept-encoding']}</p>`),
    '/gzipped': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(zlib.gzipSync(JOB_HTML)),
    '/slow-headers': (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('late'), 3000),
    '/slow-body': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body>first part');
      // ...and never the rest
    },
    '/rate-limited': (_req, res) => {
      if (count('rate-limited') === 1) res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('slow down');
      else res.writeHead(200, { 'content-type': 'text/html' }).end(JOB_HTML);
    },
    '/unavailable': (_req, res) => {
      count('unavailable');
      res.writeHead(503, { 'retry-after': '0' }).end('maintenance');
    },
    '/unavailable-long': (_req, res) => {
      count('unavailable-long');
      res.writeHead(503, { 'retry-after': '3600' }).end('back in an hour');
    },
    '/gone': (_req, res) => {
      count('gone');
      res.writeHead(410).end('gone');
    },
    '/loop-a': (_req, res) => res.writeHead(302, { location: '/loop-b' }).end(),
    '/loop-b': (_req, res) => res.writeHead(301, { location: '/loop-a' }).end(),
    '/hops': (req, res) => {
      const n = Number(new URL(req.url ?? '', srv.origin).searchParams.get('n'));
      if (n > 0) res.writeHead(307, { location: `/hops?n=${n - 1}` }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>arrived</p>');
    },
    '/always-304': (_req, res) => res.writeHead(304).end(),
    '/sitemap.xml.gz': (_req, res) => res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(zlib.gzipSync(SITEMAP)),
    // misconfigured: the file's own gzip layer also announced as Content-Encoding
    '/sitemap-ce.xml.gz': (_req, res) => res.writeHead(200, { 'content-type': 'application/gzip', 'content-encoding': 'gzip' }).end(zlib.gzipSync(SITEMAP)),
    '/sitemap-bomb.xml.gz': (_req, res) => res.writeHead(200, { 'content-type': 'application/gzip' }).end(GZIP_BOMB),
    '/no-location': (_req, res) => res.writeHead(302).end(),
    '/to-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/huge-declared': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      res.write('<html>');
    },
    '/huge-chunked': async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      for (let i = 0; i < 64 && !res.destroyed; i++) {
        if (!res.write(chunk)) await new Promise((r) => res.once('drain', r).once('close', r));
      }
      res.end();
    },
    '/gzip-bomb': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(GZIP_BOMB),
    '/logo.png': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47])),
    '/feed.xml': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title></channel></rss>'),
    '/latin1-header': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' })
        .end(iconv.encode('<html><head><meta charset="utf-8"></head><body>Entwickler – Köln, 65.000 €</body></html>', 'windows-1252')),
    '/sjis-meta': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(iconv.encode('<html><head><meta charset="Shift_JIS"></head><body>バックエンドエンジニア（大阪）</body></html>', 'shift_jis')),
  });
});

afterAll(async () => {
  await fetchers.close();
  await srv.close();
});

describe('fetcher: well-behaved pages', () => {
  it('fetches a page with its validators and a decoded body', async () => {
    const res = await fetcher().fetch(srv.url('/job'));
    expect(res).toMatchObject({ url: srv.url('/job'), status: 200, body: JOB_HTML, etag: ETAG, lastModified: LAST_MODIFIED, notModified: false });
    expect(res.contentType).toBe('text/html; charset=utf-8');
    expect(res.fetchedAt).toBeInstanceOf(Date);
  });

  it('names the tool in the User-Agent and asks for compression', async () => {
    const res = await fetcher().fetch(srv.url('/ua'));
    expect(res.body).toBe('<p>RoleRadar/0.1 (+https://github.com/roleradar/roleradar)|gzip, deflate, br</p>');
  });

  it('decompresses gzip', async () => {
    expect((await fetcher().fetch(srv.url('/gzipped'))).body).toBe(JOB_HTML);
  });

  it('answers notModified on a 304 to If-None-Match, keeping the validator', async () => {
    const res = await fetcher().fetch(srv.url('/job'), { etag: ETAG });
    expect(res).toMatchObject({ status: 304, notModified: true, body: '', etag: ETAG });
    expect(srv.requests.at(-1)?.headers['if-none-match']).toBe(ETAG);
  });

  it('sends If-Modified-Since from lastModified', async () => {
    const res = await fetcher().fetch(srv.url('/job'), { lastModified: LAST_MODIFIED });
    expect(res.notModified).toBe(true);
    expect(res.lastModified).toBe(LAST_MODIFIED);
  });

  it('refuses a 304 to a request that had no validators', async () => {
    const err = await failure(fetcher().fetch(srv.url('/always-304')));
    expect(err).toMatchObject({ code: 'http-status', status: 304, retryable: false });
  });

  it('follows up to 5 redirects and reports the final URL', async () => {
    const res = await fetcher().fetch(srv.url('/hops?n=5'));
    expect(res.url).toBe(srv.url('/hops?n=0'));
    expect(res.body).toBe('<p>arrived</p>');
  });
});

describe('fetcher: content types and charsets', () => {
  it('refuses an image where a page was expected, without retrying', async () => {
    const err = await failure(fetcher().fetch(srv.url('/logo.png')));
    expect(err).toMatchObject({ code: 'content-type', retryable: false });
    expect(err.message).toContain('image/png');
  });

  it('accepts RSS as a feed but not as a page', async () => {
    expect((await fetcher().fetch(srv.url('/feed.xml'), { accept: 'feed' })).body).toContain('<rss');
    expect((await failure(fetcher().fetch(srv.url('/feed.xml')))).code).toBe('content-type');
    expect((await failure(fetcher().fetch(srv.url('/job'), { accept: 'feed' }))).code).toBe('content-type');
  });

  it('unpacks a gzipped sitemap file for feeds, with or without a Content-Encoding layer', async () => {
    expect((await fetcher().fetch(srv.url('/sitemap.xml.gz'), { accept: 'feed' })).body).toBe(SITEMAP);
    expect((await fetcher().fetch(srv.url('/sitemap-ce.xml.gz'), { accept: 'feed' })).body).toBe(SITEMAP);
    expect((await failure(fetcher().fetch(srv.url('/sitemap.xml.gz')))).code).toBe('content-type');
  });

  it('caps an unpacked sitemap file too', async () => {
    const err = await failure(fetcher().fetch(srv.url('/sitemap-bomb.xml.gz'), { accept: 'feed' }));
    expect(err.code).toBe('too-large');
  });

  it('decodes by the header charset even when <meta> disagrees (ISO-8859-1 read as windows-1252)', async () => {
    expect((await fetcher().fetch(srv.url('/latin1-header'))).body).toContain('Entwickler – Köln, 65.000 €');
  });

  it('decodes Shift_JIS declared only in <meta>', async () => {
    expect((await fetcher().fetch(srv.url('/sjis-meta'))).body).toContain('バックエンドエンジニア（大阪）');
  });
});

describe('fetcher: hostile and broken servers', () => {
  it('times out a server that never answers, as retryable', async () => {
    const started = Date.now();
    const err = await failure(fetcher({ timeoutMs: 300, maxRetries: 0 }).fetch(srv.url('/slow-headers')));
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a body that stalls half-way', async () => {
    const err = await failure(fetcher({ timeoutMs: 300, maxRetries: 0 }).fetch(srv.url('/slow-body')));
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('rethrows the caller’s abort reason rather than a FetchError', async () => {
    const ctrl = new AbortController();
    const p = fetcher().fetch(srv.url('/slow-headers'), { signal: ctrl.signal });
    setTimeout(() => ctrl.abort(new Error('worker shutting down')), 50);
    await expect(p).rejects.toThrow('worker shutting down');
  });

  it('waits for Retry-After on 429, then succeeds', async () => {
    counters.delete('rate-limited');
    const started = Date.now();
    const res = await fetcher().fetch(srv.url('/rate-limited'));
    expect(res.body).toBe(JOB_HTML);
    expect(counters.get('rate-limited')).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries a 503 maxRetries times, then fails as retryable', async () => {
    counters.delete('unavailable');
    const err = await failure(fetcher({ maxRetries: 2 }).fetch(srv.url('/unavailable')));
    expect(err).toMatchObject({ code: 'http-status', status: 503, retryable: true });
    expect(counters.get('unavailable')).toBe(3);
  });

  it('hands a long Retry-After back to the queue instead of sleeping on it', async () => {
    counters.delete('unavailable-long');
    const err = await failure(fetcher({ maxRetries: 3 }).fetch(srv.url('/unavailable-long')));
    expect(err).toMatchObject({ code: 'http-status', status: 503, retryable: true, retryAfterMs: 3_600_000 });
    expect(counters.get('unavailable-long')).toBe(1);
  });

  it('does not retry a permanent status', async () => {
    counters.delete('gone');
    const err = await failure(fetcher({ maxRetries: 3 }).fetch(srv.url('/gone')));
    expect(err).toMatchObject({ code: 'http-status', status: 410, retryable: false });
    expect(counters.get('gone')).toBe(1);
  });

  it('stops a redirect loop', async () => {
    const err = await failure(fetcher().fetch(srv.url('/loop-a')));
    expect(err).toMatchObject({ code: 'too-many-redirects', retryable: false });
    expect(err.message).toContain('redirect loop');
  });

  it('refuses a sixth redirect', async () => {
    const err = await failure(fetcher().fetch(srv.url('/hops?n=6')));
    expect(err).toMatchObject({ code: 'too-many-redirects', retryable: false });
  });

  it('refuses a redirect without Location, or to a non-http scheme', async () => {
    expect((await failure(fetcher().fetch(srv.url('/no-location')))).code).toBe('http-status');
    const err = await failure(fetcher().fetch(srv.url('/to-file')));
    expect(err).toMatchObject({ code: 'invalid-url', retryable: false });
    expect(err.message).toContain('file:');
  });

  it('refuses a body whose declared length is over the cap, before reading it', async () => {
    const err = await failure(fetcher().fetch(srv.url('/huge-declared')));
    expect(err).toMatchObject({ code: 'too-large', retryable: false });
    expect(err.message).toContain('declares');
  });

  it('stops reading a chunked body at the cap', async () => {
    expect((await failure(fetcher().fetch(srv.url('/huge-chunked')))).code).toBe('too-large');
  });

  it('stops a gzip bomb at the decompressed cap', async () => {
    const err = await failure(fetcher().fetch(srv.url('/gzip-bomb')));
    expect(err.code).toBe('too-large');
    expect(err.message).toContain('decompressed');
  });

  it.each(['not a url', 'ftp://127.0.0.1/jobs.txt', 'javascript:alert(1)', '/relative'])('rejects %j as invalid-url', async (url) => {
    expect(await failure(fetcher().fetch(url))).toMatchObject({ code: 'invalid-url', retryable: false });
  });

  it('keeps credentials in a URL out of results and error messages', async () => {
    const withCreds = srv.url('/gone').replace('http://', 'http://admin:hunter2@');
    const err = await failure(fetcher({ maxRetries: 0 }).fetch(withCreds));
    expect(err.message).not.toContain('hunter2');
    expect(err.url).toBe(srv.url('/gone'));
    expect((await fetcher().fetch(srv.url('/job').replace('http://', 'http://admin:hunter2@'))).url).toBe(srv.url('/job'));
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = await startServer({});
    const url = closed.url('/job');
    await closed.close();
    const err = await failure(fetcher({ maxRetries: 0 }).fetch(url));
    expect(err).toMatchObject({ code: 'network', retryable: true });
    expect(err.message).toContain('ECONNREFUSED');
  });
});
