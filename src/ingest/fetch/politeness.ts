import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { FetchError } from './errors.ts';
import { sleep } from './retry.ts';

// Per-host politeness: at most `concurrency` requests in flight to one host and at least
// `intervalMs` between two request starts. With Redis the limits hold across every worker
// process on every machine; without it they hold inside this process only.

export interface HostLimits {
  concurrency: number;
  intervalMs: number;
  /** a lease expires after this long, so a crashed worker cannot hold a slot forever */
  leaseMs: number;
}

/** Releases a slot taken with `acquireHostSlot`. Safe to call twice. */
export type ReleaseSlot = () => Promise<void>;

export interface HostLimiter {
  /** Takes a slot now and returns 0, or returns how many ms to wait before asking again. */
  tryAcquire(host: string, leaseId: string, limits: HostLimits): Promise<number>;
  release(host: string, leaseId: string): Promise<void>;
}

// KEYS: leases (zset leaseId -> expiry ms), next (ms of the earliest next start).
// ARGV: leaseId, concurrency, intervalMs, leaseMs. Redis TIME is the one clock all machines share.
const ACQUIRE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, math.min(50, tonumber(first[2]) - now))
end
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < nextAt then return nextAt - now end
local leaseMs = tonumber(ARGV[4])
redis.call('ZADD', KEYS[1], now + leaseMs, ARGV[1])
redis.call('PEXPIRE', KEYS[1], leaseMs)
local interval = tonumber(ARGV[3])
if interval > 0 then redis.call('SET', KEYS[2], now + interval, 'PX', interval) end
return 0
`;
const ACQUIRE_SHA = createHash('sha1').update(ACQUIRE_LUA).digest('hex');

/** Politeness shared through Redis; keys are `${prefix}:{host}:leases|next` (hash-tagged for Cluster). */
export function createRedisHostLimiter(redis: Redis, prefix: string): HostLimiter {
  const keys = (host: string) => [`${prefix}:{${host}}:leases`, `${prefix}:{${host}}:next`] as const;
  return {
    async tryAcquire(host, leaseId, l) {
      const [leases, next] = keys(host);
      const args = [leases, next, leaseId, l.concurrency, l.intervalMs, l.leaseMs] as const;
      try {
        return Number(await redis.evalsha(ACQUIRE_SHA, 2, ...args));
      } catch (err) {
        // First use on this Redis (or after SCRIPT FLUSH): send the script itself, which caches it.
        if (!String((err as Error).message).includes('NOSCRIPT')) throw err;
        return Number(await redis.eval(ACQUIRE_LUA, 2, ...args));
      }
    },
    async release(host, leaseId) {
      await redis.zrem(keys(host)[0], leaseId);
    },
  };
}

/** The same limits inside one process, for a fetcher without Redis. */
export function createMemoryHostLimiter(): HostLimiter {
  const hosts = new Map<string, { leases: Map<string, number>; nextAt: number }>();
  return {
    async tryAcquire(host, leaseId, l) {
      const now = Date.now();
      const state = hosts.get(host) ?? { leases: new Map<string, number>(), nextAt: 0 };
      hosts.set(host, state);
      for (const [id, expiresAt] of state.leases) if (expiresAt <= now) state.leases.delete(id);
      if (state.leases.size >= l.concurrency) return Math.max(1, Math.min(50, Math.min(...state.leases.values()) - now));
      if (now < state.nextAt) return state.nextAt - now;
      state.leases.set(leaseId, now + l.leaseMs);
      state.nextAt = now + l.intervalMs;
      return 0;
    },
    async release(host, leaseId) {
      const state = hosts.get(host);
      if (!state) return;
      state.leases.delete(leaseId);
      if (state.leases.size === 0 && state.nextAt <= Date.now()) hosts.delete(host);
    },
  };
}

/**
 * Waits (polling with jitter) until the host has a free slot, up to maxWaitMs; then fails with
 * a retryable `timeout` so the job goes back to the queue instead of holding a worker.
 */
export async function acquireHostSlot(
  limiter: HostLimiter,
  host: string,
  limits: HostLimits,
  maxWaitMs: number,
  signal?: AbortSignal,
): Promise<ReleaseSlot> {
  const leaseId = randomUUID();
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const waitMs = await limiter.tryAcquire(host, leaseId, limits);
    if (waitMs <= 0) break;
    if (Date.now() + waitMs > deadline) {
      throw new FetchError('timeout', `no politeness slot for ${host} within ${maxWaitMs} ms (host busy)`, {
        retryable: true,
        retryAfterMs: waitMs,
      });
    }
    await sleep(waitMs + Math.floor(Math.random() * 10), signal);
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await limiter.release(host, leaseId);
  };
}
