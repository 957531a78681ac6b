import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config.ts';
import { createApiKey } from '../../../src/api/auth/manage-keys.ts';
import { runRoleradar } from '../../helpers/processes.ts';
import { REDIS_URL, createTestDatabase, deletePrefix, testPrefix } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';
import { call, startTestApi } from './auth-helpers.ts';
import type { Api } from './auth-helpers.ts';

// CORS from configured origins only, and the refusal to listen beyond loopback with auth off.

let db: TestDatabase;
let prefix: string;

beforeAll(async () => {
  db = await createTestDatabase();
  prefix = testPrefix();
});

afterAll(async () => {
  await db?.drop();
  await deletePrefix(prefix);
});

const preflight = (base: string, origin: string) =>
  call(base, 'OPTIONS', '/api/v1/trends/roles', { headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });

describe('CORS', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startTestApi(db, prefix, { AUTH_ENABLED: 'true', CORS_ORIGINS: 'https://dash.example.org, https://ops.example.org' });
  });
  afterAll(async () => api?.close());

  it('answers a preflight from a configured origin without a key, allowing the Authorization header', async () => {
    const res = await preflight(api.url, 'https://dash.example.org');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://dash.example.org');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(res.headers.get('access-control-allow-methods')).toContain('GET');
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it('gives no Access-Control-Allow-Origin to an origin not configured', async () => {
    const res = await preflight(api.url, 'https://evil.example.com');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await call(api.url, 'GET', '/api/v1/health', { headers: { Origin: 'https://evil.example.com' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the browser read rate-limit headers and problem documents of a real request', async () => {
    const { key } = await createApiKey(db.sql, { name: 'browser', scopes: ['read'] });
    const ok = await call(api.url, 'GET', '/api/v1/feeds', { key, headers: { Origin: 'https://ops.example.org' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://ops.example.org');
    expect(ok.headers.get('access-control-expose-headers')).toContain('RateLimit-Remaining');
    const refused = await call(api.url, 'GET', '/api/v1/feeds', { headers: { Origin: 'https://ops.example.org' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://ops.example.org');
  });

  it('sends no CORS headers at all when CORS_ORIGINS is unset', async () => {
    const plain = await startTestApi(db, prefix, {});
    try {
      const res = await preflight(plain.url, 'https://dash.example.org');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.status).not.toBe(204);
    } finally {
      await plain.close();
    }
  });
});

describe('listening beyond loopback', () => {
  it('startApi refuses HOST=0.0.0.0 with AUTH_ENABLED=false, naming both', async () => {
    const started = startTestApi(db, prefix, { HOST: '0.0.0.0', AUTH_ENABLED: 'false' });
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(/HOST=0\.0\.0\.0.*AUTH_ENABLED=false/);
  });

  it('`roleradar serve` exits 1 with that one-line message and never listens', async () => {
    const p = runRoleradar(['serve'], { DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: prefix, HOST: '0.0.0.0', PORT: '0', AUTH_ENABLED: 'false', LOG_LEVEL: 'silent' });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/refusing to listen on HOST=0\.0\.0\.0 with AUTH_ENABLED=false/);
    expect(p.output()).not.toMatch(/RoleRadar is running/);
    expect(p.output()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('starts on every interface with auth on (the default off loopback) and then wants a key', async () => {
    const api = await startTestApi(db, prefix, { HOST: '0.0.0.0' });
    try {
      const port = new URL(api.url).port;
      expect((await call(`http://127.0.0.1:${port}`, 'GET', '/api/v1/feeds')).status).toBe(401);
      expect((await call(`http://127.0.0.1:${port}`, 'GET', '/api/v1/health')).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it('needs no key on loopback by default', async () => {
    const api = await startTestApi(db, prefix, {});
    try {
      expect((await call(api.url, 'GET', '/api/v1/feeds')).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
