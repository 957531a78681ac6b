// Fetcher throughput against a local server (same process, so the server's CPU is counted too):
// 45 KB posting pages, 50 in flight, plain and gzip, with in-process and Redis politeness.
// The pipeline target (issue 4) is 700 postings/s end to end, so fetching must stay well above.
import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import { Redis } from 'ioredis';
import { canonicalizeUrl } from '../src/ingest/canonical-url.ts';
import { classifyAddress } from '../src/ingest/fetch/address-guard.ts';
import { createFetcher, type FetcherOptions } from '../src/ingest/fetch/index.ts';
import { startServer } from '../tests/helpers/http-server.ts';
import { type BenchFigure, opsPerSecond, rssMb } from './lib.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const IN_FLIGHT = 50;
const FETCHES = 4000;

function page(): string {
  const para = (i: number) =>
    `<p>As a platform engineer (${i}) you will run Kubernetes clusters, write Terraform and Go, ` +
    `review designs with product and security, and be on call one week in six with a calm rotation.</p>`;
  let body = '';
  for (let i = 0; body.length < 44_000; i++) body += para(i);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Platform Engineer – Remote (EU)</title></head><body><main><h1>Platform Engineer</h1>${body}</main></body></html>`;
}

async function throughput(url: string, opts: Partial<FetcherOptions>): Promise<number> {
  const fetcher = createFetcher({
    allowHosts: ['127.0.0.1'],
    timeoutMs: 10_000,
    maxBytes: 5 * 1024 * 1024,
    userAgent: 'RoleRadar/0.1 (bench)',
    respectRobots: true,
    perHostConcurrency: IN_FLIGHT,
    perHostIntervalMs: 0,
    ...opts,
  });
  let next = 0;
  let total = 0;
  const lane = async () => {
    while (next++ < total) await fetcher.fetch(url);
  };
  // Warm up (robots.txt, sockets, JIT) with a short run of the same shape, then measure.
  total = 500;
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  next = 0;
  total = FETCHES;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await fetcher.close();
  return FETCHES / seconds;
}

export async function run(): Promise<BenchFigure[]> {
  const html = page();
  const gzipped = zlib.gzipSync(html);
  const srv = await startServer({
    '/robots.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /admin\n'),
    '/job': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
    '/job-gz': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }).end(gzipped),
  });
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
  const prefix = `bench-fetch-${randomUUID()}`;
  try {
    const memory = await throughput(srv.url('/job'), {});
    const memoryGz = await throughput(srv.url('/job-gz'), {});
    const shared = await throughput(srv.url('/job'), { redis, redisPrefix: prefix });
    const rss = rssMb();
    const urls = ['https://Boards.Example.com/acme/jobs/4521/?gh_jid=4521&utm_source=linkedin&utm_medium=social#apply', 'https://jobs.example.org/p/77?ref=newsletter&b=2&a=1'];
    let i = 0;
    const canon = opsPerSecond(() => canonicalizeUrl(urls[i++ % 2] as string));
    const guard = opsPerSecond(() => classifyAddress(i++ % 2 ? '93.184.216.34' : '::ffff:10.0.0.1'));
    return [
      { name: `fetch 45 KB page, ${IN_FLIGHT} in flight, in-process politeness`, value: memory, unit: 'fetches/s' },
      { name: `fetch 45 KB page gzip (${Math.round(gzipped.length / 1024)} KB on the wire), in-process politeness`, value: memoryGz, unit: 'fetches/s' },
      { name: `fetch 45 KB page, ${IN_FLIGHT} in flight, Redis politeness`, value: shared, unit: 'fetches/s', target: '>= 700 (pipeline target)', meetsTarget: shared >= 700 },
      { name: 'RSS after the fetch runs', value: rss, unit: 'MB' },
      { name: 'canonicalizeUrl', value: canon, unit: 'ops/s' },
      { name: 'classifyAddress', value: guard, unit: 'ops/s' },
    ];
  } finally {
    await srv.close();
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = nextCursor;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  }
}
