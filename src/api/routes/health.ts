import { createRoute, z } from '@hono/zod-openapi';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../openapi.ts';

const CHECK_TIMEOUT_MS = 2000;

async function check(probe: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'ok';
  } catch (err) {
    return `down: ${(err as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

const Health = z
  .object({
    data: z.object({
      status: z.enum(['ok', 'degraded']),
      checks: z.object({ postgres: z.string(), redis: z.string() }),
    }),
    meta: z.object({}),
  })
  .openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Whether Postgres and Redis answer',
  responses: {
    200: { description: 'all engines answer', content: { 'application/json': { schema: Health } } },
    503: { description: 'degraded: the checks name what does not answer', content: { 'application/json': { schema: Health } } },
  },
});

/** GET /health: 200 when Postgres and Redis answer, 503 "degraded" naming what does not. */
export function healthRoutes(deps: ApiDeps) {
  return createRouter().openapi(healthRoute, async (c) => {
    const [postgres, redis] = await Promise.all([check(() => deps.sql`select 1`), check(() => deps.redis.ping())]);
    const checks = { postgres, redis };
    if (postgres === 'ok' && redis === 'ok') return c.json({ data: { status: 'ok' as const, checks }, meta: {} }, 200);
    return c.json({ data: { status: 'degraded' as const, checks }, meta: {} }, 503);
  });
}
