import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.ts';
import type { Config } from '../../src/config.ts';
import { createSql } from '../../src/db/sql.ts';
import type { Sql } from '../../src/db/sql.ts';

// Tests run against the real Postgres and Redis on localhost. Each test file gets its own
// database, cloned from a template the global setup migrated once, and its own BullMQ prefix.

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEMPLATE_DB = 'roleradar_test_template';

/** The URL of database `name` on the admin server. */
export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  sql: Sql;
  drop(): Promise<void>;
}

/** A fresh, migrated database of this test file's own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = databaseUrl(name);
  const sql = createSql(url, { max: 5 });
  return {
    name,
    url,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      const a = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end({ timeout: 5 });
      }
    },
  };
}

/** A BullMQ key prefix of this test's own, so files running in parallel never see each other's jobs. */
export function testPrefix(): string {
  return `test-${randomUUID()}`;
}

/** Deletes every Redis key under `prefix`. */
export async function deletePrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The environment of a `roleradar` child process for this test: its database and prefix, local fetches allowed fast. */
export function processEnv(db: TestDatabase, prefix: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    FETCH_ALLOW_HOSTS: '127.0.0.1',
    FETCH_HOST_CONCURRENCY: '100',
    FETCH_HOST_INTERVAL_MS: '0',
    LOG_LEVEL: 'warn',
    ...overrides,
  };
}

/** The config a test's processes run with: its database and prefix, quiet logs, local fetches allowed. */
export function testConfig(db: TestDatabase, prefix: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    FETCH_ALLOW_HOSTS: "127.0.0.1,localhost",
    FETCH_HOST_CONCURRENCY: "64",
    FETCH_HOST_INTERVAL_MS: "0",
    JOB_BACKOFF_MS: '100',
    ...overrides,
  });
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
