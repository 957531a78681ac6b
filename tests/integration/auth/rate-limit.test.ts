import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../src/api/auth/manage-keys.ts';
import { createRateLimiter } from '../../../src/api/auth/rate-limiter.ts';
import { createRedis } from '../../../src/redis.ts';
import { REDIS_URL, createTestDatabase, deletePrefix, testPrefix } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';
import { call, startTestApi } from './auth-helpers.ts';
import type { Api } from './auth-helpers.ts';

// Rate limits on the real Redis: one budget per key however many API processes serve it,
// 429 with Retry-After and RateLimit headers, per-key limits, per-address limits with auth off.

let db: TestDatabase;
let prefix: string;
let a: Api;
let b: Api;

beforeAll(async () => {
  db = await createTestDatabase();
  prefix = testPrefix();
  const env = { AUTH_ENABLED: 'true', RATE_LIMIT_PER_MINUTE: '6' };
  [a, b] = await Promise.all([startTestApi(db, prefix, env), startTestApi(db, prefix, env)]);
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await db?.drop();
  await deletePrefix(prefix);
});

describe('rate limit per key', () => {
  it('is shared by two API processes: the 7th request of a minute is refused, on either', async () => {
    const { key } = await createApiKey(db.sql, { name: 'busy analyst', scopes: ['read'] });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 8; i++) {
      last = await call(i % 2 ? b.url : a.url, 'GET', '/api/v1/feeds', { key });
      statuses.push(last.status);
      if (i === 0) {
        expect(last.headers.get('ratelimit-limit')).toBe('6');
        expect(last.headers.get('ratelimit-remaining')).toBe('5');
        expect(last.headers.get('ratelimit-policy')).toBe('6;w=60');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    expect(last!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(last!.body).toMatchObject({ title: 'Too Many Requests', status: 429 });
    const retryAfter = Number(last!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('keeps keys apart, and honours a key of its own rate', async () => {
    const { key: roomy } = await createApiKey(db.sql, { name: 'roomy', scopes: ['read'], rateLimitPerMinute: 10 });
    const { key: tight } = await createApiKey(db.sql, { name: 'tight', scopes: ['read'], rateLimitPerMinute: 2 });
    const roomyStatuses = [];
    for (let i = 0; i < 10; i++) roomyStatuses.push((await call(a.url, 'GET', '/api/v1/feeds', { key: roomy })).status);
    expect(roomyStatuses.every((s) => s === 200)).toBe(true);
    expect((await call(b.url, 'GET', '/api/v1/feeds', { key: roomy })).status).toBe(429);
    expect((await call(a.url, 'GET', '/api/v1/feeds', { key: tight })).status).toBe(200);
    expect((await call(b.url, 'GET', '/api/v1/feeds', { key: tight })).status).toBe(200);
    const refused = await call(a.url, 'GET', '/api/v1/feeds', { key: tight });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-limit')).toBe('2');
  });

  it('stores its counters under QUEUE_PREFIX:ratelimit:', async () => {
    const redis = createRedis(REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}:ratelimit:*`);
      expect(keys.length).toBeGreaterThanOrEqual(3);
      expect(keys.every((k) => /:ratelimit:key:\d+$/.test(k))).toBe(true);
    } finally {
      redis.disconnect();
    }
  });

  it('does not count public routes', async () => {
    for (let i = 0; i < 10; i++) expect((await call(a.url, 'GET', '/api/v1/health')).status).toBe(200);
  });
});

describe('rate limit per client address with auth off', () => {
  let open1: Api;
  let open2: Api;
  const openPrefix = testPrefix();
  beforeAll(async () => {
    [open1, open2] = await Promise.all([startTestApi(db, openPrefix, { RATE_LIMIT_PER_MINUTE: '4' }), startTestApi(db, openPrefix, { RATE_LIMIT_PER_MINUTE: '4' })]);
  });
  afterAll(async () => {
    await Promise.all([open1?.close(), open2?.close()]);
    await deletePrefix(openPrefix);
  });

  it('counts requests from 127.0.0.1 across processes, without any key', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(i % 2 ? open2.url : open1.url, 'GET', '/api/v1/feeds')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const redis = createRedis(REDIS_URL);
    try {
      expect(await redis.keys(`${openPrefix}:ratelimit:*`)).toEqual([`${openPrefix}:ratelimit:ip:127.0.0.1`]);
    } finally {
      redis.disconnect();
    }
  });
});

describe('the limiter window', () => {
  it('starts at the first request and resets when it expires', async () => {
    const redis = createRedis(REDIS_URL);
    const limiter = createRateLimiter(redis, { prefix: `${prefix}:ratelimit`, windowMs: 400 });
    try {
      const first = await limiter.hit('window-test', 2);
      expect(first).toMatchObject({ allowed: true, remaining: 1 });
      expect(first.resetMs).toBeGreaterThan(300);
      expect((await limiter.hit('window-test', 2)).allowed).toBe(true);
      const third = await limiter.hit('window-test', 2);
      expect(third).toMatchObject({ allowed: false, remaining: 0 });
      expect(third.resetMs).toBeLessThanOrEqual(400);
      await new Promise((r) => setTimeout(r, third.resetMs + 50));
      expect(await limiter.hit('window-test', 2)).toMatchObject({ allowed: true, remaining: 1 });
    } finally {
      redis.disconnect();
    }
  });
});
