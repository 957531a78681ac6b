import { getConnInfo } from '@hono/node-server/conninfo';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { matchedRoutes } from 'hono/route';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Config } from '../../config.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { presentedKey } from './api-key.ts';
import { createKeyVerifier } from './key-verifier.ts';
import type { VerifiedKey } from './key-verifier.ts';
import { authEnabled } from './listen-check.ts';
import { createRateLimiter, rateLimitHeaders } from './rate-limiter.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { routeAccess, scopeAllows, strictest } from './route-access.ts';
import type { Access } from './route-access.ts';

// Access control for the HTTP app: CORS, then API keys with scopes (route-access.ts), then a
// rate limit per key, or per client address when auth is off.

/** How the app guards itself; built from config by accessOptions(). */
export interface AccessOptions {
  authEnabled: boolean;
  /** origins allowed to call the API from a browser; "*" for any; empty: no CORS headers at all */
  corsOrigins: string[];
  /** requests per minute per key (unless the key has its own) or per client address; 0: no limit */
  rateLimitPerMinute: number;
  /** how long a key lookup is reused in this process (revocation takes effect within it) */
  keyCacheMs: number;
  /** Redis key prefix of the rate-limit counters */
  redisPrefix: string;
}

/** The access options of a deployment. */
export function accessOptions(config: Config): AccessOptions {
  return {
    authEnabled: authEnabled(config),
    corsOrigins: config.CORS_ORIGINS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    keyCacheMs: config.AUTH_CACHE_MS,
    redisPrefix: `${config.QUEUE_PREFIX}:ratelimit`,
  };
}

const REALM = 'Bearer realm="roleradar"';

function problem(c: Context<AppEnv>, status: ContentfulStatusCode, title: string, detail: string, headers: Record<string, string> = {}) {
  return c.json({ type: 'about:blank', title, status, detail, instance: c.req.path }, status, { ...headers, 'Content-Type': 'application/problem+json' });
}

/**
 * What a request needs. The table is matched against the patterns of the handlers Hono routed it
 * to ("/api/v1/feeds/:id", middleware of method ALL skipped), so no spelling of a path reaches a
 * handler the table did not judge, and against the raw path, so a catch-all public handler (the
 * dashboard's) cannot open anything under /api/. The strictest requirement wins.
 */
export function requestAccess(c: Context): Access {
  const patterns = matchedRoutes(c).filter((r) => r.method !== 'ALL').map((r) => r.path);
  return strictest([...new Set([...patterns, c.req.path])].map((p) => routeAccess(c.req.method, p)));
}

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not served by @hono/node-server (app.request in tests)
  }
}

/** Adds CORS, authentication, scope checks and rate limiting to `app`, before its routes. */
export function installAccess(app: OpenAPIHono<AppEnv>, deps: ApiDeps, opts: AccessOptions): void {
  if (opts.corsOrigins.length > 0) app.use('*', corsMiddleware(opts.corsOrigins));
  const limiter = createRateLimiter(deps.redis, { prefix: opts.redisPrefix, windowMs: 60_000 });
  const verifier = createKeyVerifier(deps.sql, { cacheMs: opts.keyCacheMs, onTouchError: (err) => deps.logger.warn({ err }, 'could not record key use') });

  app.use('*', async (c, next) => {
    const access = requestAccess(c);
    if (access.kind === 'public') return next();
    let key: VerifiedKey | null = null;
    if (opts.authEnabled) {
      const raw = presentedKey(c.req.header('authorization'), c.req.header('x-api-key'));
      if (!raw) return problem(c, 401, 'Unauthorized', 'an API key is required: Authorization: Bearer <key>', { 'WWW-Authenticate': REALM });
      key = await verifier.verify(raw);
      // One answer for unknown, malformed, wrong and revoked keys: nothing tells them apart.
      if (!key) return problem(c, 401, 'Unauthorized', 'the API key is not valid', { 'WWW-Authenticate': `${REALM}, error="invalid_token"` });
      c.set('log', c.get('log').child({ apiKey: key.prefix }));
      if (!scopeAllows(key.scopes, access)) {
        const need = access.kind === 'scopes' ? `it needs one of: ${access.scopes.length ? access.scopes.join(', ') : 'admin'}` : 'no key may call this route';
        return problem(c, 403, 'Forbidden', `this key may not ${c.req.method} ${c.req.path}: ${need}`);
      }
    }
    const limit = key?.rateLimitPerMinute ?? opts.rateLimitPerMinute;
    if (limit <= 0) return next();
    const headers = await rateHeaders(c, limiter, key ? `key:${key.id}` : `ip:${clientAddress(c)}`, limit);
    if (headers?.['Retry-After']) return problem(c, 429, 'Too Many Requests', `at most ${limit} requests per minute; retry in ${headers['Retry-After']} s`, headers);
    await next();
    for (const [name, value] of Object.entries(headers ?? {})) c.header(name, value);
  });
}

// A Redis outage must not take the API down with it: requests then go unlimited, loudly.
async function rateHeaders(c: Context<AppEnv>, limiter: RateLimiter, client: string, limit: number): Promise<Record<string, string> | null> {
  try {
    return rateLimitHeaders(await limiter.hit(client, limit), limiter.windowMs);
  } catch (err) {
    c.get('log').warn({ err }, 'rate limiter unavailable: request not counted');
    return null;
  }
}

function corsMiddleware(origins: string[]): MiddlewareHandler {
  return cors({
    origin: origins.includes('*') ? '*' : origins,
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'X-API-Key', 'Content-Type', 'If-None-Match'],
    exposeHeaders: ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy', 'Retry-After', 'ETag', 'Location'],
    maxAge: 600,
  });
}
