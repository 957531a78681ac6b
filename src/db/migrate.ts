import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import type { Sql } from 'postgres';
import { packagePath } from '../package-root.ts';

const SQL_DIR = packagePath('sql');
// Any constant works: it only has to be the same for every migrator of this database.
const MIGRATION_LOCK = 7_312_009_411;

export interface Migration {
  id: number;
  name: string;
  file: string;
}

/** Lists sql/NNNNN_name.sql in order; refuses gaps and duplicate numbers. */
export async function listMigrations(dir = SQL_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{5}_[\w-]+\.sql$/.test(f)).sort();
  const migrations = files.map((file) => ({ id: Number(file.slice(0, 5)), name: file.slice(6, -4), file: path.join(dir, file) }));
  migrations.forEach((m, i) => {
    if (m.id !== i + 1) throw new Error(`migrations must be numbered 1..n without gaps; found ${path.basename(m.file)} at position ${i + 1}`);
  });
  return migrations;
}

/** Creates the database named in the URL when it does not exist yet (connecting to `postgres`). */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new Error('DATABASE_URL names no database');
  url.pathname = '/postgres';
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as ok from pg_database where datname = ${name}`;
    if (row) return false;
    try {
      await admin.unsafe(`create database "${name.replaceAll('"', '""')}"`);
    } catch (err) {
      // Another process created it at the same moment: that is fine. Postgres says so with
      // 42P04 (duplicate_database) or, when both creates ran at once, with 23505 (unique_violation
      // on pg_database's name index).
      const code = (err as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw err;
      return false;
    }
    return true;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/**
 * Applies pending migrations in order, each in its own transaction, under an advisory lock so
 * that several processes starting at once migrate exactly once. Returns the names applied.
 */
export async function migrate(sql: Sql, dir = SQL_DIR): Promise<string[]> {
  const migrations = await listMigrations(dir);
  const applied: string[] = [];
  await sql.reserve().then(async (conn) => {
    try {
      await conn`select pg_advisory_lock(${MIGRATION_LOCK})`;
      await conn`create table if not exists schema_migrations (
        id int primary key, name text not null, applied_at timestamptz not null default now())`;
      const done = new Set((await conn`select id from schema_migrations`).map((r) => r.id as number));
      for (const m of migrations) {
        if (done.has(m.id)) continue;
        const text = await readFile(m.file, 'utf8');
        await conn.unsafe('begin');
        try {
          // The ledger row goes first: a concurrent migrator without the lock would fail on its primary key.
          await conn`insert into schema_migrations (id, name) values (${m.id}, ${m.name})`;
          await conn.unsafe(text);
          await conn.unsafe('commit');
        } catch (err) {
          await conn.unsafe('rollback');
          throw new Error(`migration ${path.basename(m.file)} failed: ${(err as Error).message}`, { cause: err });
        }
        applied.push(path.basename(m.file));
      }
    } finally {
      await conn`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
      conn.release();
    }
  });
  return applied;
}
