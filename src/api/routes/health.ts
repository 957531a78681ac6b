import { Hono } from 'hono';
import type { ApiDeps, AppEnv } from '../deps.ts';

const CHECK_TIMEOUT_MS = 2000;

async function check(probe: () => Promise<unknown>): Promise<'ok' | string> {
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

/** GET /health: 200 when Postgres and Redis answer, 503 "degraded" naming what does not. */
export function healthRoutes(deps: ApiDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const [postgres, redis] = await Promise.all([check(() => deps.sql`select 1`), check(() => deps.redis.ping())]);
    const ok = postgres === 'ok' && redis === 'ok';
    return c.json({ data: { status: ok ? 'ok' : 'degraded', checks: { postgres, redis } }, meta: {} }, ok ? 200 : 503);
  });
  return app;
}
