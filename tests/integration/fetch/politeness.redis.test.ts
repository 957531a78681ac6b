import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, FetchError, type FetcherOptions } from '../../../src/ingest/fetch/index.ts';
import { createRedisHostLimiter } from '../../../src/ingest/fetch/politeness.ts';
import { startServer, type TestServer } from '../../helpers/http-server.ts';
import { REDIS_URL, deletePrefix } from '../../helpers/services.ts';

// Politeness and the robots.txt cache through the real Redis. Two fetchers with their own Redis
// connections stand in for two worker processes on different machines.

const FILE_PREFIX = `test-fetch-${randomUUID()}`;
let testNo = 0;
const nextPrefix = () => `${FILE_PREFIX}:t${++testNo}`;

const redisClients: Redis[] = [];
const fetchers: Array<{ close(): Promise<void> }> = [];
let srv: TestServer;
let inFlight = 0;
let maxInFlight = 0;
const arrivals: number[] = [];

function redis(): Redis {
  const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
  redisClients.push(r);
  return r;
}

function processFetcher(redisPrefix: string, overrides: Partial<FetcherOptions> = {}) {
  const f = createFetcher({
    allowHosts: ['127.0.0.1'],
    timeoutMs: 3000,
    maxBytes: 100_000,
    userAgent: 'RoleRadar/0.1 (+https://github.com/roleradar/roleradar)',
    respectRobots: false,
    redis: redis(),
    redisPrefix,
    maxRetries: 0,
    ...overrides,
  });
  fetchers.push(f);
  return f;
}

beforeAll(async () => {
  srv = await startServer({
    '/slow': async (_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 150));
      inFlight--;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>slow</p>');
    },
    '/stamp': (_req, res) => {
      arrivals.push(Date.now());
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
    },
    '/robots.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private\n'),
  });
});

afterAll(async () => {
  await Promise.all(fetchers.map((f) => f.close()));
  await srv.close();
  await deletePrefix(FILE_PREFIX);
  await Promise.all(redisClients.map((r) => r.quit()));
});

describe('per-host politeness through Redis', () => {
  it('caps concurrent requests to one host across processes', async () => {
    const prefix = nextPrefix();
    const a = processFetcher(prefix, { perHostConcurrency: 2, perHostIntervalMs: 0 });
    const b = processFetcher(prefix, { perHostConcurrency: 2, perHostIntervalMs: 0 });
    maxInFlight = 0;
    const started = Date.now();
    await Promise.all([...Array(4)].flatMap(() => [a.fetch(srv.url('/slow')), b.fetch(srv.url('/slow'))]));
    expect(maxInFlight).toBe(2);
    // 8 requests of 150 ms, two at a time
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 150 - 20);
  });

  it('spaces request starts on one host across processes', async () => {
    const prefix = nextPrefix();
    const a = processFetcher(prefix, { perHostConcurrency: 10, perHostIntervalMs: 300 });
    const b = processFetcher(prefix, { perHostConcurrency: 10, perHostIntervalMs: 300 });
    arrivals.length = 0;
    await Promise.all([a.fetch(srv.url('/stamp')), b.fetch(srv.url('/stamp')), a.fetch(srv.url('/stamp')), b.fetch(srv.url('/stamp'))]);
    const sorted = [...arrivals].sort((x, y) => x - y);
    const gaps = sorted.slice(1).map((t, i) => t - (sorted[i] as number));
    expect(gaps).toHaveLength(3);
    // 300 ms apart at the slot grant; allow 60 ms of jitter between grant and arrival
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(240);
  });

  it('keeps its keys under the prefix, with expiries', async () => {
    const prefix = nextPrefix();
    await processFetcher(prefix, { perHostIntervalMs: 5000 }).fetch(srv.url('/stamp'));
    const r = redis();
    const keys = await r.keys(`${prefix}:*`);
    expect(keys).toContain(`${prefix}:{127.0.0.1}:next`);
    for (const key of keys) expect(await r.pttl(key)).toBeGreaterThan(0);
  });

  it('fails with a retryable timeout when no slot frees up in time', async () => {
    const prefix = nextPrefix();
    const a = processFetcher(prefix, { perHostConcurrency: 1, perHostIntervalMs: 0 });
    const b = processFetcher(prefix, { perHostConcurrency: 1, perHostIntervalMs: 0, maxPolitenessWaitMs: 50 });
    const slow = a.fetch(srv.url('/slow'));
    await new Promise((r) => setTimeout(r, 30));
    const err = await b.fetch(srv.url('/slow')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
    await slow;
  });
});

describe('host limiter leases', () => {
  it('frees a slot on release, and on lease expiry when a worker dies holding it', async () => {
    const limiter = createRedisHostLimiter(redis(), nextPrefix());
    const limits = { concurrency: 1, intervalMs: 0, leaseMs: 200 };
    expect(await limiter.tryAcquire('jobs.example.com', 'a', limits)).toBe(0);
    expect(await limiter.tryAcquire('jobs.example.com', 'b', limits)).toBeGreaterThan(0);
    await limiter.release('jobs.example.com', 'a');
    expect(await limiter.tryAcquire('jobs.example.com', 'b', limits)).toBe(0);
    // 'b' never releases (a crashed worker): its lease runs out
    expect(await limiter.tryAcquire('jobs.example.com', 'c', limits)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 250));
    expect(await limiter.tryAcquire('jobs.example.com', 'c', limits)).toBe(0);
  });

  it('keeps hosts independent', async () => {
    const limiter = createRedisHostLimiter(redis(), nextPrefix());
    const limits = { concurrency: 1, intervalMs: 10_000, leaseMs: 1000 };
    expect(await limiter.tryAcquire('a.example.com', 'x', limits)).toBe(0);
    expect(await limiter.tryAcquire('b.example.com', 'y', limits)).toBe(0);
    const wait = await limiter.tryAcquire('a.example.com', 'z', limits);
    expect(wait).toBeGreaterThan(0);
  });
});

describe('robots.txt cache in Redis', () => {
  it('is fetched once for all processes and kept for at most a day', async () => {
    const prefix = nextPrefix();
    const a = processFetcher(prefix, { respectRobots: true, perHostIntervalMs: 0 });
    await a.fetch(srv.url('/stamp'));
    const b = processFetcher(prefix, { respectRobots: true, perHostIntervalMs: 0 });
    await b.fetch(srv.url('/stamp'));
    const err = await b.fetch(srv.url('/private')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'robots' });
    expect(srv.hits('/robots.txt')).toBe(1);
    const ttl = await redis().pttl(`${prefix}:robots:${srv.origin}`);
    expect(ttl).toBeGreaterThan(23 * 3600_000);
    expect(ttl).toBeLessThanOrEqual(24 * 3600_000);
  });
});
