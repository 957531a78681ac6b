import type { Redis } from 'ioredis';
import robotsParserModule from 'robots-parser';
import { FetchError } from './errors.ts';

// The package's typings declare an ES default export, but it is a CommonJS `module.exports = fn`.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

// robots.txt per origin, following RFC 9309: 2xx -> obey the rules, 4xx -> no rules, 5xx or
// unreachable -> assume complete disallow for a while. Cached in Redis so every worker shares
// one copy per origin, with a short in-process layer in front of Redis.

export type RobotsEntry =
  | { kind: 'rules'; body: string }
  | { kind: 'allow-all' }
  | { kind: 'unreachable'; reason: string };

export interface RobotsFetchOutcome {
  status: number;
  body: string;
}

export interface RobotsCacheOptions {
  redis?: Redis;
  prefix: string;
  /** the robots.txt product token, e.g. "RoleRadar" */
  agentToken: string;
  /** fetches robots.txt; a thrown error counts as unreachable */
  fetchRobots: (robotsUrl: string) => Promise<RobotsFetchOutcome>;
  /** RFC 9309 asks not to use a cached copy for more than 24 hours */
  ttlMs?: number;
  unreachableTtlMs?: number;
  memoryTtlMs?: number;
}

export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay for our agent, in ms, when the site sets one */
  crawlDelayMs: number | null;
  /** why the URL is refused, when it is */
  reason?: string;
  /** true when the refusal is temporary (robots.txt could not be fetched) */
  temporary?: boolean;
  /** when a temporary refusal is worth retrying: after the cached "unreachable" expires */
  retryAfterMs?: number;
}

/** Turns the robots.txt response into what gets cached (RFC 9309 section 2.3.1). */
export function robotsEntryFromResponse(outcome: RobotsFetchOutcome): RobotsEntry {
  if (outcome.status >= 200 && outcome.status < 300) return { kind: 'rules', body: outcome.body };
  // 429 is the server asking us to slow down, not "there are no rules".
  if (outcome.status === 429 || outcome.status >= 500) return { kind: 'unreachable', reason: `robots.txt answered ${outcome.status}` };
  return { kind: 'allow-all' };
}

type ParsedRobots = ReturnType<typeof robotsParser>;
// Parsed once per cached entry object (entries live in the in-process cache), not per URL.
const parsedByEntry = new WeakMap<RobotsEntry, ParsedRobots>();

function parsedRules(entry: RobotsEntry & { kind: 'rules' }, robotsUrl: string): ParsedRobots {
  let robots = parsedByEntry.get(entry);
  if (!robots) {
    robots = robotsParser(robotsUrl, entry.body);
    parsedByEntry.set(entry, robots);
  }
  return robots;
}

/** Applies a cached entry to one URL: pure, so it is tested without a server. */
export function judgeRobots(entry: RobotsEntry, robotsUrl: string, url: string, agentToken: string): RobotsVerdict {
  if (entry.kind === 'allow-all') return { allowed: true, crawlDelayMs: null };
  if (entry.kind === 'unreachable') {
    return { allowed: false, crawlDelayMs: null, reason: `${entry.reason}; assuming complete disallow for now`, temporary: true };
  }
  const robots = parsedRules(entry, robotsUrl);
  const delay = robots.getCrawlDelay(agentToken);
  const crawlDelayMs = typeof delay === 'number' && delay > 0 ? delay * 1000 : null;
  // undefined means the URL is not on this robots.txt's origin: not ours to judge.
  if (robots.isAllowed(url, agentToken) === false) {
    return { allowed: false, crawlDelayMs, reason: `disallowed by ${robotsUrl} (line ${robots.getMatchingLineNumber(url, agentToken)})` };
  }
  return { allowed: true, crawlDelayMs };
}

/** A robots.txt cache shared through Redis (when given) and memoized in-process. */
export function createRobotsCache(o: RobotsCacheOptions) {
  const ttlMs = o.ttlMs ?? 24 * 3600_000;
  const unreachableTtlMs = o.unreachableTtlMs ?? 10 * 60_000;
  // Without Redis the memory layer is the only cache; with it, keep processes roughly in step.
  const memoryTtlMs = o.memoryTtlMs ?? (o.redis ? 60_000 : ttlMs);
  const memory = new Map<string, { expiresAt: number; entry: Promise<RobotsEntry> }>();

  async function load(origin: string): Promise<RobotsEntry> {
    const key = `${o.prefix}:robots:${origin}`;
    // The shared cache is an optimisation: with Redis away, fetch robots.txt ourselves.
    const cached = o.redis ? await o.redis.get(key).catch(() => null) : null;
    if (cached) return JSON.parse(cached) as RobotsEntry;
    let entry: RobotsEntry;
    try {
      entry = robotsEntryFromResponse(await o.fetchRobots(`${origin}/robots.txt`));
    } catch (err) {
      // A host we may not contact at all must not be reported as "robots unreachable".
      if (err instanceof FetchError && err.code === 'blocked-address') throw err;
      entry = { kind: 'unreachable', reason: `robots.txt could not be fetched (${(err as Error).message})` };
    }
    if (o.redis) await o.redis.set(key, JSON.stringify(entry), 'PX', entry.kind === 'unreachable' ? unreachableTtlMs : ttlMs).catch(() => undefined);
    return entry;
  }

  function entryFor(origin: string): Promise<RobotsEntry> {
    const now = Date.now();
    const hit = memory.get(origin);
    if (hit && hit.expiresAt > now) return hit.entry;
    // Concurrent callers for one origin share a single load.
    const entry = load(origin);
    memory.set(origin, { expiresAt: now + memoryTtlMs, entry });
    entry.then(
      (e) => {
        if (e.kind === 'unreachable') memory.set(origin, { expiresAt: Date.now() + Math.min(memoryTtlMs, unreachableTtlMs), entry });
      },
      () => memory.delete(origin),
    );
    if (memory.size > 10_000) memory.delete(memory.keys().next().value as string);
    return entry;
  }

  return {
    /** Decides whether our agent may fetch `url`, loading robots.txt for its origin if needed. */
    async check(url: URL): Promise<RobotsVerdict> {
      const entry = await entryFor(url.origin);
      const verdict = judgeRobots(entry, `${url.origin}/robots.txt`, url.href, o.agentToken);
      // Retrying before the cached "unreachable" expires would only hit the cache again.
      return verdict.temporary ? { ...verdict, retryAfterMs: unreachableTtlMs } : verdict;
    },
  };
}

export type RobotsCache = ReturnType<typeof createRobotsCache>;
