import type { Agent } from 'undici';
import { checkUrlHost, createHostAllowlist } from './address-guard.ts';
import type { AcceptKind } from './content-type.ts';
import { FetchError } from './errors.ts';
import { exchange, type Hop } from './exchange.ts';
import { createGuardedAgent } from './guarded-agent.ts';
import { acquireHostSlot, createMemoryHostLimiter, createRedisHostLimiter, type HostLimiter, type HostLimits } from './politeness.ts';
import { createRobotsCache, type RobotsCache, type RobotsFetchOutcome } from './robots.ts';
import { backoffMs, sleep } from './retry.ts';
import type { ClosableFetcher, FetchOptions, FetchResult, FetcherOptions } from './index.ts';

// Orchestrates one fetch: URL checks, robots.txt, per-host politeness, redirects (each hop
// re-checked), and retries with backoff. The socket-level SSRF guard lives in the agent.

const MAX_REDIRECTS = 5;
const ROBOTS_MAX_BYTES = 500 * 1024; // RFC 9309: parse at least the first 500 KiB
const MAX_CRAWL_DELAY_MS = 60_000; // a Crawl-delay above this is clamped, not obeyed literally

interface Context {
  agent: Agent;
  isAllowed: (host: string) => boolean;
  limiter: HostLimiter;
  limits: HostLimits;
  robots: RobotsCache | null;
  opts: FetcherOptions;
}

interface ChainOptions extends FetchOptions {
  accept: AcceptKind;
  skipRobots?: boolean;
  truncate?: boolean;
  maxBytes?: number;
}

/** Creates a fetcher; pass `redis` to share politeness and robots.txt across processes. */
export function createFetcher(opts: FetcherOptions): ClosableFetcher {
  if (!(opts.timeoutMs > 0) || !(opts.maxBytes > 0)) throw new Error('createFetcher: timeoutMs and maxBytes must be positive');
  const isAllowed = createHostAllowlist(opts.allowHosts);
  const prefix = opts.redisPrefix ?? 'roleradar:fetch';
  const ctx: Context = {
    // Politeness already caps requests per host; the pool just must not be the tighter limit.
    agent: createGuardedAgent({ isAllowed, connectTimeoutMs: opts.timeoutMs, readTimeoutMs: opts.timeoutMs, connectionsPerOrigin: Math.max(8, opts.perHostConcurrency ?? 2) }),
    isAllowed,
    limiter: opts.redis ? createRedisHostLimiter(opts.redis, prefix) : createMemoryHostLimiter(),
    limits: { concurrency: opts.perHostConcurrency ?? 2, intervalMs: opts.perHostIntervalMs ?? 1000, leaseMs: opts.timeoutMs + 5000 },
    robots: null,
    opts,
  };
  if (opts.respectRobots) {
    ctx.robots = createRobotsCache({
      ...(opts.redis ? { redis: opts.redis } : {}),
      prefix,
      agentToken: robotsToken(opts.userAgent),
      fetchRobots: (robotsUrl) => fetchRobotsTxt(ctx, robotsUrl),
    });
  }
  return {
    fetch: (url, o = {}) => fetchWithRetries(ctx, url, { ...o, accept: o.accept ?? 'html' }),
    close: () => ctx.agent.close(),
  };
}

/** The robots.txt product token: "RoleRadar/0.1 (+https://...)" -> "RoleRadar". */
export function robotsToken(userAgent: string): string {
  return userAgent.trim().split(/[\s/]/)[0] || userAgent;
}

/** Parses a URL a stranger gave us; only absolute http(s) URLs with a host pass. */
export function parseFetchUrl(raw: string | URL): URL {
  let url: URL;
  try {
    url = new URL(typeof raw === 'string' ? raw.trim() : raw.href);
  } catch {
    throw new FetchError('invalid-url', `not a valid absolute URL: ${JSON.stringify(String(raw).slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('invalid-url', `only http and https URLs can be fetched, not ${url.protocol} (${url.href.slice(0, 200)})`, { url: url.href });
  }
  if (!url.hostname) throw new FetchError('invalid-url', `URL has no host: ${url.href}`, { url: url.href });
  // Never sent (requests go by origin and path), and must not end up in logs or error messages.
  url.username = '';
  url.password = '';
  return url;
}

async function fetchWithRetries(ctx: Context, raw: string, o: ChainOptions): Promise<FetchResult> {
  const maxRetries = ctx.opts.maxRetries ?? 2;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchChain(ctx, parseFetchUrl(raw), o);
    } catch (err) {
      if (!(err instanceof FetchError) || !err.retryable || attempt >= maxRetries) throw err;
      const waitMs = err.retryAfterMs ?? backoffMs(attempt, ctx.opts.retryBaseMs ?? 500);
      // A long Retry-After is the queue's job: hand it back instead of holding a worker slot.
      if (waitMs > (ctx.opts.maxRetryWaitMs ?? 15_000)) throw err;
      await sleep(waitMs, o.signal);
    }
  }
}

// Follows up to MAX_REDIRECTS redirects; every hop passes the same checks as the first URL.
async function fetchChain(ctx: Context, start: URL, o: ChainOptions): Promise<FetchResult> {
  const seen = new Set<string>();
  let url = start;
  for (let redirects = 0; ; redirects++) {
    seen.add(url.href);
    const hop = await fetchHop(ctx, url, o);
    if (hop.kind === 'response') {
      const { kind: _kind, ...rest } = hop;
      return { url: url.href, ...rest, fetchedAt: new Date() };
    }
    if (redirects >= MAX_REDIRECTS) {
      throw new FetchError('too-many-redirects', `more than ${MAX_REDIRECTS} redirects starting at ${start.href} (last: ${hop.location.href})`, { url: url.href });
    }
    if (seen.has(hop.location.href)) {
      throw new FetchError('too-many-redirects', `redirect loop: ${url.href} leads back to ${hop.location.href}`, { url: url.href });
    }
    url = parseFetchUrl(hop.location);
  }
}

async function fetchHop(ctx: Context, url: URL, o: ChainOptions): Promise<Hop> {
  const verdict = checkUrlHost(url.hostname, ctx.isAllowed);
  if (verdict.blocked) {
    throw new FetchError('blocked-address', `refusing ${url.href}: ${url.hostname} is a ${verdict.reason} address (SSRF guard)`, { url: url.href });
  }
  let intervalMs = ctx.limits.intervalMs;
  if (ctx.robots && !o.skipRobots) {
    const robots = await ctx.robots.check(url);
    if (!robots.allowed) {
      throw new FetchError('robots', `robots.txt forbids ${url.href}: ${robots.reason}`, {
        url: url.href,
        retryable: robots.temporary ?? false,
        ...(robots.retryAfterMs === undefined ? {} : { retryAfterMs: robots.retryAfterMs }),
      });
    }
    if (robots.crawlDelayMs !== null) intervalMs = Math.max(intervalMs, Math.min(robots.crawlDelayMs, MAX_CRAWL_DELAY_MS));
  }
  const limits = { ...ctx.limits, intervalMs };
  const release = await acquireHostSlot(ctx.limiter, url.hostname, limits, ctx.opts.maxPolitenessWaitMs ?? 60_000, o.signal);
  try {
    return await exchange(url, {
      agent: ctx.agent,
      userAgent: ctx.opts.userAgent,
      timeoutMs: ctx.opts.timeoutMs,
      maxBytes: o.maxBytes ?? ctx.opts.maxBytes,
      accept: o.accept,
      truncate: o.truncate ?? false,
      ...(o.etag ? { etag: o.etag } : {}),
      ...(o.lastModified ? { lastModified: o.lastModified } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
  } finally {
    // A failed release only delays the slot until its lease expires; never mask the real outcome.
    await release().catch(() => undefined);
  }
}

// robots.txt goes through the same guarded, polite path, without retries (failure = unreachable).
async function fetchRobotsTxt(ctx: Context, robotsUrl: string): Promise<RobotsFetchOutcome> {
  try {
    const res = await fetchChain(ctx, parseFetchUrl(robotsUrl), { accept: 'any', skipRobots: true, truncate: true, maxBytes: ROBOTS_MAX_BYTES });
    return { status: res.status, body: res.body };
  } catch (err) {
    if (err instanceof FetchError && err.code === 'http-status' && err.status !== undefined) return { status: err.status, body: '' };
    // RFC 9309: more than five redirects may be treated as "unavailable" (4xx, no rules).
    if (err instanceof FetchError && err.code === 'too-many-redirects') return { status: 404, body: '' };
    throw err;
  }
}
