import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

// A fixed-window counter per client in Redis, shared by every API process. The window starts
// at a client's first request (INCR, then PEXPIRE on the first hit) rather than on wall-clock
// minute boundaries, so processes need no agreement on time. One Lua script makes the
// increment and the expiry atomic: a crash between them cannot leave a counter that never expires.

const SCRIPT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
`;
const SHA = createHash('sha1').update(SCRIPT).digest('hex');

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** milliseconds until the window resets */
  resetMs: number;
}

export interface RateLimiter {
  /** Counts one request by `client` against `limit` per window. */
  hit(client: string, limit: number): Promise<RateDecision>;
  windowMs: number;
}

/** A limiter whose counters live under `${prefix}:` (e.g. "roleradar:ratelimit"). */
export function createRateLimiter(redis: Redis, opts: { prefix: string; windowMs?: number }): RateLimiter {
  const windowMs = opts.windowMs ?? 60_000;
  async function run(key: string): Promise<[number, number]> {
    try {
      return (await redis.evalsha(SHA, 1, key, windowMs)) as [number, number];
    } catch (err) {
      // First use on this Redis (or after SCRIPT FLUSH): send the script itself, which caches it.
      if (!String((err as Error).message).includes('NOSCRIPT')) throw err;
      return (await redis.eval(SCRIPT, 1, key, windowMs)) as [number, number];
    }
  }
  return {
    windowMs,
    async hit(client, limit) {
      const [count, ttl] = await run(`${opts.prefix}:${client}`);
      return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetMs: Math.max(0, ttl) };
    },
  };
}

/** The RateLimit-* (IETF draft) and, when refused, Retry-After headers for a decision. */
export function rateLimitHeaders(d: RateDecision, windowMs: number): Record<string, string> {
  const reset = String(Math.max(1, Math.ceil(d.resetMs / 1000)));
  return {
    'RateLimit-Limit': String(d.limit),
    'RateLimit-Remaining': String(d.remaining),
    'RateLimit-Reset': reset,
    'RateLimit-Policy': `${d.limit};w=${Math.round(windowMs / 1000)}`,
    ...(d.allowed ? {} : { 'Retry-After': reset }),
  };
}
