import type { Sql } from 'postgres';
import { findApiKeyByPrefix, touchApiKey } from '../../db/api-keys.sql.ts';
import type { StoredApiKey } from '../../db/api-keys.sql.ts';
import { parseApiKey, secretMatches } from './api-key.ts';

// Verifies presented keys against Postgres, caching each prefix's row (or its absence) in this
// process for `cacheMs`. The cost of the cache: a revoked key keeps working on a process that
// looked it up less than `cacheMs` ago. The secret is checked against the hash on every request.

const MAX_CACHED = 10_000;
// last_used_at is for humans deciding which keys to revoke: a minute's precision is plenty.
const TOUCH_EVERY_MS = 60_000;

export interface VerifiedKey {
  id: number;
  prefix: string;
  name: string;
  scopes: StoredApiKey['scopes'];
  rateLimitPerMinute: number | null;
}

export interface KeyVerifier {
  /** The key's identity when `raw` is a live key of ours; null for unknown, malformed, wrong-secret or revoked keys alike. */
  verify(raw: string): Promise<VerifiedKey | null>;
}

/** A verifier reading api_keys through `sql`; `onTouchError` hears about failed last_used_at writes. */
export function createKeyVerifier(sql: Sql, opts: { cacheMs: number; onTouchError?: (err: unknown) => void }): KeyVerifier {
  // The promise is cached, not the row: concurrent first requests of one key share one query.
  const cache = new Map<string, { row: Promise<StoredApiKey | null>; until: number }>();
  const touched = new Map<number, number>();

  function lookup(prefix: string): Promise<StoredApiKey | null> {
    const now = Date.now();
    const hit = cache.get(prefix);
    if (hit && hit.until > now) return hit.row;
    const row = findApiKeyByPrefix(sql, prefix);
    if (opts.cacheMs > 0) {
      // Unknown prefixes are cached too, so a flood of one made-up key costs one query per window.
      if (cache.size >= MAX_CACHED) cache.clear();
      const entry = { row, until: now + opts.cacheMs };
      cache.set(prefix, entry);
      // A failed query (Postgres down) must not be remembered as an answer.
      row.catch(() => cache.get(prefix) === entry && cache.delete(prefix));
    }
    return row;
  }

  function touch(id: number): void {
    const now = Date.now();
    if ((touched.get(id) ?? 0) > now - TOUCH_EVERY_MS) return;
    if (touched.size >= MAX_CACHED) touched.clear();
    touched.set(id, now);
    touchApiKey(sql, id).catch((err: unknown) => opts.onTouchError?.(err));
  }

  return {
    async verify(raw) {
      const parsed = parseApiKey(raw);
      if (!parsed) return null;
      const row = await lookup(parsed.prefix);
      if (!row || row.revokedAt || !secretMatches(parsed.secret, row.secretHash)) return null;
      touch(row.id);
      return { id: row.id, prefix: row.prefix, name: row.name, scopes: row.scopes, rateLimitPerMinute: row.rateLimitPerMinute };
    },
  };
}
