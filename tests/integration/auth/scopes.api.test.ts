import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeKey } from '../../../src/api/auth/manage-keys.ts';
import type { Scope } from '../../../src/api/auth/api-key.ts';
import { createTestDatabase, deletePrefix, testPrefix, waitFor } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';
import { call, startTestApi } from './auth-helpers.ts';
import type { Api } from './auth-helpers.ts';

// Scopes on the real app: which key may call which route, 401 against 403, and what a revoked
// or made-up key gets. Keys are made with the functions `roleradar keys` uses.

let db: TestDatabase;
let prefix: string;
let api: Api;
const keys = {} as Record<Scope, string>;
let postingId: number;
let feedId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  prefix = testPrefix();
  // No lookup cache: what the database says holds on the next request.
  api = await startTestApi(db, prefix, { AUTH_ENABLED: 'true', AUTH_CACHE_MS: '0', RATE_LIMIT_PER_MINUTE: '0' });
  for (const scope of ['submit', 'read', 'admin'] as const) keys[scope] = (await createApiKey(db.sql, { name: `${scope} key`, scopes: [scope] })).key;
  const submitted = await call(api.url, 'POST', '/api/v1/postings', { key: keys.submit, body: { text: 'Senior Python Developer\n\nWe build Django and PostgreSQL services. Requirements: 5 years of Python.', title: 'Senior Python Developer' } });
  expect(submitted.status).toBe(200);
  postingId = submitted.body.data.id;
  const [feed] = await db.sql<{ id: number }[]>`insert into feeds (url, kind) values ('https://jobs.example.org/feed.rss', 'rss') returning id::int as id`;
  feedId = feed!.id;
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
  await deletePrefix(prefix);
});

// [method, path, body?] and which scopes may call it; 'none' when no key may.
const MATRIX: Array<[string, string, Scope[] | 'none', unknown?]> = [
  ['POST', '/api/v1/postings', ['submit', 'admin'], { text: 'Data Analyst\n\nSQL and Tableau dashboards for finance.' }],
  ['GET', '/api/v1/postings/:posting', ['submit', 'read', 'admin']],
  ['GET', '/api/v1/trends/roles', ['read', 'admin']],
  ['GET', '/api/v1/postings', ['read', 'admin']],
  ['GET', '/api/v1/taxonomy', ['read', 'admin']],
  ['PUT', '/api/v1/taxonomy/skills/zig', ['admin'], { name: 'Zig', category: 'language', aliases: ['zig'] }],
  ['GET', '/api/v1/feeds', ['read', 'admin']],
  ['GET', '/api/v1/feeds/:feed/runs', ['read', 'admin']],
  ['PATCH', '/api/v1/feeds/:feed', ['admin'], { name: 'renamed' }],
  ['GET', '/api/v1/queues/analyze/failed', ['admin']],
  ['POST', '/api/v1/queues/analyze/failed/retry', ['admin']],
  ['DELETE', '/api/v1/postings/:posting', 'none'],
  ['GET', '/api/v2/trends', 'none'],
];

describe('scopes per route', () => {
  for (const [method, template, allowed, body] of MATRIX) {
    it(`${method} ${template}: ${allowed === 'none' ? 'no key' : allowed.join(', ')}`, async () => {
      const path = template.replace(':posting', String(postingId)).replace(':feed', String(feedId));
      for (const scope of ['submit', 'read', 'admin'] as const) {
        const res = await call(api.url, method, path, { key: keys[scope], body });
        const ok = allowed !== 'none' && allowed.includes(scope);
        // Allowed: past the gate (the route's own answer may still be a 400 or 404).
        if (ok) {
          expect([401, 403, 429], `${scope} key: ${JSON.stringify(res.body)}`).not.toContain(res.status);
          expect(res.status, `${scope} key: ${JSON.stringify(res.body)}`).toBeLessThan(500);
        }
        else {
          expect(res.status, `${scope} key`).toBe(403);
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(res.body).toMatchObject({ title: 'Forbidden', status: 403, instance: path });
        }
      }
    });
  }
});

describe('authentication', () => {
  it('asks for a key with 401, WWW-Authenticate and a problem document when none is sent', async () => {
    const res = await call(api.url, 'GET', '/api/v1/trends/roles');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="roleradar"/);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401, instance: '/api/v1/trends/roles' });
  });

  it('takes the key from X-API-Key as well', async () => {
    expect((await call(api.url, 'GET', '/api/v1/trends/roles', { key: keys.read, viaHeader: true })).status).toBe(200);
  });

  it('answers a made-up key, a wrong secret and a malformed key identically', async () => {
    const real = keys.read;
    const wrongSecret = real.slice(0, -4) + (real.endsWith('aaaa') ? 'bbbb' : 'aaaa');
    const unknownPrefix = 'rr_000000000000_' + real.slice(-64);
    const answers = [];
    for (const key of [wrongSecret, unknownPrefix, 'not-a-key', real.toUpperCase()]) {
      const res = await call(api.url, 'GET', '/api/v1/trends/roles', { key });
      answers.push({ status: res.status, auth: res.headers.get('www-authenticate'), body: res.body });
    }
    expect(answers[0]!.status).toBe(401);
    expect(answers[0]!.auth).toContain('error="invalid_token"');
    for (const a of answers) expect(a).toEqual(answers[0]);
  });

  it('refuses a revoked key at once (no cache) with the same 401 as an unknown one', async () => {
    const { key, apiKey } = await createApiKey(db.sql, { name: 'soon revoked', scopes: ['read'] });
    expect((await call(api.url, 'GET', '/api/v1/feeds', { key })).status).toBe(200);
    await revokeKey(db.sql, apiKey.prefix);
    const res = await call(api.url, 'GET', '/api/v1/feeds', { key });
    const unknown = await call(api.url, 'GET', '/api/v1/feeds', { key: 'rr_000000000000_' + key.slice(-64) });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(unknown.body);
  });

  it('answers 401, not 403, to a missing key on a route no key may call: nothing about the route leaks', async () => {
    const res = await call(api.url, 'DELETE', '/api/v1/postings/1');
    expect(res.status).toBe(401);
  });

  it('records when a key was last used', async () => {
    const { key, apiKey } = await createApiKey(db.sql, { name: 'used once', scopes: ['read'] });
    expect(apiKey.lastUsedAt).toBeNull();
    await call(api.url, 'GET', '/api/v1/feeds', { key });
    const used = await waitFor(async () => (await db.sql<{ lastUsedAt: Date | null }[]>`select last_used_at from api_keys where id = ${apiKey.id}`)[0]?.lastUsedAt);
    expect(used.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('keeps health, the OpenAPI document, the docs page, metrics and the dashboard open', async () => {
    for (const path of ['/api/v1/health', '/api/v1/openapi.json', '/api/v1/docs', '/metrics', '/']) {
      expect((await call(api.url, 'GET', path)).status, path).toBe(200);
    }
  });
});

describe('the OpenAPI document', () => {
  it('names the scopes each operation needs, from the same table the gate uses', async () => {
    const doc = (await call(api.url, 'GET', '/api/v1/openapi.json')).body;
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.apiKeyHeader).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(doc.paths['/api/v1/feeds'].post.security).toEqual([{ bearerAuth: ['admin'] }, { apiKeyHeader: ['admin'] }]);
    expect(doc.paths['/api/v1/postings'].post.security).toEqual([{ bearerAuth: ['submit', 'admin'] }, { apiKeyHeader: ['submit', 'admin'] }]);
    expect(doc.paths['/api/v1/trends/roles'].get.security[0].bearerAuth).toEqual(['read', 'admin']);
    expect(doc.paths['/api/v1/trends/roles'].get.responses).toHaveProperty('401');
    expect(doc.paths['/api/v1/trends/roles'].get.responses).toHaveProperty('403');
    expect(doc.paths['/api/v1/health'].get.security).toEqual([]);
    // every documented operation is either public or opened by some scope: none is dead
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        expect(op.security, `${method} ${path}`).toBeDefined();
        expect(op.description ?? '', `${method} ${path}`).not.toMatch(/no key may call it/);
      }
    }
  });
});

describe('the key lookup cache', () => {
  let cached: Api;
  beforeAll(async () => {
    cached = await startTestApi(db, prefix, { AUTH_ENABLED: 'true', AUTH_CACHE_MS: '1500', RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(async () => cached?.close());

  it('lets a revoked key through only until the cached lookup expires', async () => {
    const { key, apiKey } = await createApiKey(db.sql, { name: 'cached', scopes: ['read'] });
    expect((await call(cached.url, 'GET', '/api/v1/feeds', { key })).status).toBe(200);
    const revokedAt = Date.now();
    await revokeKey(db.sql, String(apiKey.id));
    // Within the cache time the process may still accept it; afterwards it must not.
    await waitFor(async () => (await call(cached.url, 'GET', '/api/v1/feeds', { key })).status === 401, 5000, 100);
    expect(Date.now() - revokedAt).toBeLessThan(1500 + 1000);
    // and it stays refused once the refusal is cached
    expect((await call(cached.url, 'GET', '/api/v1/feeds', { key })).status).toBe(401);
  });

  it('never accepts a wrong secret for a cached prefix', async () => {
    const { key } = await createApiKey(db.sql, { name: 'cached 2', scopes: ['read'] });
    expect((await call(cached.url, 'GET', '/api/v1/feeds', { key })).status).toBe(200);
    const forged = key.slice(0, 16) + '0'.repeat(64);
    expect((await call(cached.url, 'GET', '/api/v1/feeds', { key: forged })).status).toBe(401);
  });
});
