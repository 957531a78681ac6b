import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, listKeys, revokeKey } from '../../../src/api/auth/manage-keys.ts';
import { parseApiKey } from '../../../src/api/auth/api-key.ts';
import { runRoleradar } from '../../helpers/processes.ts';
import { REDIS_URL, createTestDatabase, deletePrefix, testPrefix } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';
import { call, startTestApi } from './auth-helpers.ts';
import type { Api } from './auth-helpers.ts';

// `roleradar keys` as an operator runs it (a child process), and the functions behind it:
// the key is printed once, stored only as a hash, listed without secrets, and revocable.

let db: TestDatabase;
let prefix: string;
let env: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  prefix = testPrefix();
  env = { DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' };
});

afterAll(async () => {
  await db?.drop();
  await deletePrefix(prefix);
});

async function cli(...args: string[]) {
  const p = runRoleradar(['keys', ...args], env);
  const code = await p.exited;
  return { code, output: p.output() };
}

// Everything the database holds about keys, as text: where a leaked secret would show up.
async function dumpKeysTable(): Promise<string> {
  const rows = await db.sql`select row_to_json(k)::text as row, encode(secret_hash, 'hex') as hash, encode(secret_hash, 'escape') as raw from api_keys k`;
  return JSON.stringify(rows);
}

describe('roleradar keys (child process)', () => {
  let key: string;

  it('create prints the key once, alone on stdout, and stores only its hash', async () => {
    const created = await cli('create', 'analytics team', '--scopes', 'read,submit', '--rate', '120');
    expect(created.code, created.output).toBe(0);
    const match = /rr_[0-9a-f]{12}_[0-9a-f]{64}/.exec(created.output);
    expect(match).not.toBeNull();
    key = match![0];
    expect(created.output).toMatch(/not shown again/);
    const { prefix: keyPrefix, secret } = parseApiKey(key)!;
    const dump = await dumpKeysTable();
    expect(dump).toContain(keyPrefix);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(secret.slice(0, 16));
    const [row] = await db.sql<{ hash: string }[]>`select encode(secret_hash, 'hex') as hash from api_keys where prefix = ${keyPrefix}`;
    expect(row!.hash).toBe((await import('node:crypto')).createHash('sha256').update(secret).digest('hex'));
  });

  it('list shows name, prefix, scopes and rate, and never a secret or hash', async () => {
    const listed = await cli('list');
    expect(listed.code, listed.output).toBe(0);
    const keys = JSON.parse(listed.output) as any[];
    const mine = keys.find((k) => key.includes(k.prefix));
    expect(mine).toMatchObject({ name: 'analytics team', scopes: ['read', 'submit'], rateLimitPerMinute: 120, revokedAt: null });
    expect(listed.output).not.toContain(parseApiKey(key)!.secret);
    expect(Object.keys(mine)).not.toContain('secretHash');
  });

  it('revoke by prefix marks the key revoked; list shows when', async () => {
    const { prefix: keyPrefix } = parseApiKey(key)!;
    const revoked = await cli('revoke', keyPrefix);
    expect(revoked.code, revoked.output).toBe(0);
    const [row] = await db.sql<{ revokedAt: Date | null }[]>`select revoked_at from api_keys where prefix = ${keyPrefix}`;
    expect(row!.revokedAt).toBeInstanceOf(Date);
  });

  it('refuses unknown scopes, a bad rate, a missing name and an unknown key with exit 1 and a message', async () => {
    const badScope = await cli('create', 'x', '--scopes', 'read,write');
    expect(badScope.code).toBe(1);
    expect(badScope.output).toMatch(/unknown scope.*write/);
    const badRate = await cli('create', 'x', '--scopes', 'read', '--rate', '-5');
    expect(badRate.code).toBe(1);
    expect(badRate.output).toMatch(/--rate/);
    expect((await cli('create', '--scopes', 'read')).code).toBe(1);
    const unknown = await cli('revoke', '999999');
    expect(unknown.code).toBe(1);
    expect(unknown.output).toMatch(/no key/);
    expect((await db.sql`select count(*)::int as n from api_keys where name = 'x'`)[0]!.n).toBe(0);
  });
});

describe('key functions with a running API', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startTestApi(db, prefix, { AUTH_ENABLED: 'true', AUTH_CACHE_MS: '0' });
  });
  afterAll(async () => api?.close());

  it('a key made by the CLI works on the API until the CLI revokes it by id', async () => {
    const created = await cli('create', 'recruiter portal', '--scopes', 'submit');
    const key = /rr_[0-9a-f]{12}_[0-9a-f]{64}/.exec(created.output)![0];
    const body = { text: 'Backend Engineer\n\nBuild Go services on Kubernetes. Requirements: 3 years of Go.' };
    expect((await call(api.url, 'POST', '/api/v1/postings', { key, body })).status).toBe(200);
    const id = (await listKeys(db.sql)).find((k) => key.includes(k.prefix))!.id;
    expect((await cli('revoke', String(id))).code).toBe(0);
    expect((await call(api.url, 'POST', '/api/v1/postings', { key, body })).status).toBe(401);
  });

  it('revoking twice keeps the first time; revoking by the full key works too', async () => {
    const { key, apiKey } = await createApiKey(db.sql, { name: 'twice', scopes: ['read'] });
    const first = await revokeKey(db.sql, key);
    const second = await revokeKey(db.sql, apiKey.prefix);
    expect(first!.revokedAt).toEqual(second!.revokedAt);
  });

  it('a prefix made only of decimal digits is revoked as a prefix, not read as an id', async () => {
    const { apiKey } = await createApiKey(db.sql, { name: 'digits', scopes: ['read'] });
    // about 1 in 280 generated prefixes looks like this; give one key such a prefix on purpose
    const [row] = await db.sql<{ prefix: string }[]>`update api_keys set prefix = '012345678901' where id = ${apiKey.id} returning prefix`;
    const revoked = await revokeKey(db.sql, row!.prefix);
    expect(revoked?.id).toBe(apiKey.id);
    expect(revoked?.revokedAt).toBeTruthy();
  });
});
