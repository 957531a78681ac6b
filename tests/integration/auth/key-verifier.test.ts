import postgres from 'postgres';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyVerifier } from '../../../src/api/auth/key-verifier.ts';
import { createApiKey, revokeKey } from '../../../src/api/auth/manage-keys.ts';
import { createTestDatabase } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';

// The verifier on the real Postgres, through a client that counts the queries it sends, so the
// cache's effect (and its limits) can be seen.

let db: TestDatabase;
let counted: Sql;
let lookups = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  counted = postgres(db.url, {
    max: 4,
    transform: postgres.camel,
    onnotice: () => {},
    debug: (_conn, query) => {
      if (/from api_keys where prefix/.test(query)) lookups++;
    },
  });
});

afterAll(async () => {
  await counted?.end({ timeout: 5 });
  await db?.drop();
});

describe('createKeyVerifier', () => {
  it('answers concurrent first requests of one key with a single query, then from the cache', async () => {
    const { key, apiKey } = await createApiKey(db.sql, { name: 'burst', scopes: ['read', 'submit'], rateLimitPerMinute: 30 });
    const verifier = createKeyVerifier(counted, { cacheMs: 5000 });
    lookups = 0;
    const results = await Promise.all(Array.from({ length: 20 }, () => verifier.verify(key)));
    expect(results.every((r) => r?.id === apiKey.id)).toBe(true);
    expect(results[0]).toEqual({ id: apiKey.id, prefix: apiKey.prefix, name: 'burst', scopes: ['read', 'submit'], rateLimitPerMinute: 30 });
    await verifier.verify(key);
    expect(lookups).toBe(1);
  });

  it('checks the secret on every request, cached or not', async () => {
    const { key } = await createApiKey(db.sql, { name: 'secret check', scopes: ['read'] });
    const verifier = createKeyVerifier(counted, { cacheMs: 5000 });
    expect(await verifier.verify(key)).not.toBeNull();
    expect(await verifier.verify(key.slice(0, 16) + 'f'.repeat(64))).toBeNull();
    expect(await verifier.verify(key)).not.toBeNull();
  });

  it('caches an unknown prefix too, so repeating a made-up key costs one query', async () => {
    const verifier = createKeyVerifier(counted, { cacheMs: 5000 });
    lookups = 0;
    for (let i = 0; i < 5; i++) expect(await verifier.verify('rr_abcdefabcdef_' + '1'.repeat(64))).toBeNull();
    expect(lookups).toBe(1);
    // a malformed key never reaches the database
    expect(await verifier.verify('rr_short_secret')).toBeNull();
    expect(lookups).toBe(1);
  });

  it('lets a revoked key through for at most the cache time, then refuses it', async () => {
    const { key, apiKey } = await createApiKey(db.sql, { name: 'revoked later', scopes: ['read'] });
    const verifier = createKeyVerifier(counted, { cacheMs: 300 });
    expect(await verifier.verify(key)).not.toBeNull();
    await revokeKey(db.sql, apiKey.prefix);
    expect(await verifier.verify(key)).not.toBeNull(); // the documented window
    await new Promise((r) => setTimeout(r, 350));
    expect(await verifier.verify(key)).toBeNull();
  });

  it('with no cache, a revocation holds on the very next request', async () => {
    const { key, apiKey } = await createApiKey(db.sql, { name: 'uncached', scopes: ['read'] });
    const verifier = createKeyVerifier(counted, { cacheMs: 0 });
    expect(await verifier.verify(key)).not.toBeNull();
    await revokeKey(db.sql, String(apiKey.id));
    expect(await verifier.verify(key)).toBeNull();
  });
});
