import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRobotsCache } from '../../../src/ingest/fetch/robots.ts';

// The in-process robots.txt cache (the Redis-shared one is an integration test).

const rules = 'User-agent: *\nDisallow: /private\n';

describe('createRobotsCache', () => {
  // A real client pointed at a closed port, failing fast: Redis being away must not stop fetching.
  const deadRedis = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
  afterAll(() => deadRedis.disconnect());

  it('loads robots.txt once for concurrent checks of one origin', async () => {
    let loads = 0;
    const cache = createRobotsCache({
      prefix: 'x',
      agentToken: 'RoleRadar',
      fetchRobots: async () => {
        loads++;
        await new Promise((r) => setTimeout(r, 20));
        return { status: 200, body: rules };
      },
    });
    const verdicts = await Promise.all([
      cache.check(new URL('https://jobs.example.com/a')),
      cache.check(new URL('https://jobs.example.com/private/b')),
      cache.check(new URL('https://jobs.example.com/c')),
    ]);
    expect(verdicts.map((v) => v.allowed)).toEqual([true, false, true]);
    expect(loads).toBe(1);
  });

  it('keeps origins apart (scheme and port count)', async () => {
    const seen: string[] = [];
    const cache = createRobotsCache({
      prefix: 'x',
      agentToken: 'RoleRadar',
      fetchRobots: async (url) => {
        seen.push(url);
        return { status: 404, body: '' };
      },
    });
    await cache.check(new URL('https://jobs.example.com/a'));
    await cache.check(new URL('http://jobs.example.com/a'));
    await cache.check(new URL('https://jobs.example.com:8443/a'));
    expect(seen).toEqual(['https://jobs.example.com/robots.txt', 'http://jobs.example.com/robots.txt', 'https://jobs.example.com:8443/robots.txt']);
  });

  it('treats a failed robots.txt fetch as a temporary refusal', async () => {
    const cache = createRobotsCache({
      prefix: 'x',
      agentToken: 'RoleRadar',
      fetchRobots: async () => {
        throw new Error('ECONNRESET');
      },
    });
    const verdict = await cache.check(new URL('https://jobs.example.com/a'));
    expect(verdict).toMatchObject({ allowed: false, temporary: true, retryAfterMs: 600_000 });
    expect(verdict.reason).toContain('ECONNRESET');
  });

  it('still works when the shared Redis cache is unreachable', async () => {
    const cache = createRobotsCache({ redis: deadRedis, prefix: 'x', agentToken: 'RoleRadar', fetchRobots: async () => ({ status: 200, body: rules }) });
    expect((await cache.check(new URL('https://jobs.example.com/private/1'))).allowed).toBe(false);
  });
});
