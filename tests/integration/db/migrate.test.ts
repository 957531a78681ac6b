import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { ensureDatabase, listMigrations, migrate } from '../../../src/db/migrate.ts';
import { ADMIN_URL, createTestDatabase, databaseUrl } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('migrations', () => {
  it('the template already holds every shipped migration, so a second run applies nothing', async () => {
    const shipped = await listMigrations();
    const ledger = await db.sql`select id from schema_migrations order by id`;
    expect(ledger.map((r) => r.id)).toEqual(shipped.map((m) => m.id));
    expect(await migrate(db.sql)).toEqual([]);
  });

  it('applies pending files in order, once, even with concurrent migrators; a failing file rolls back whole', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rr-migrations-'));
    await writeFile(path.join(dir, '00001_a.sql'), 'create table mt_a (id int);');
    await writeFile(path.join(dir, '00002_b.sql'), 'insert into mt_a values (1);');
    await db.sql`drop table if exists schema_migrations`;
    const results = await Promise.all([migrate(db.sql, dir), migrate(db.sql, dir), migrate(db.sql, dir)]);
    expect(results.flat().sort()).toEqual(['00001_a.sql', '00002_b.sql']);
    expect((await db.sql`select count(*)::int as n from mt_a`)[0]!.n).toBe(1);

    await writeFile(path.join(dir, '00003_bad.sql'), 'insert into mt_a values (2); select * from no_such_table;');
    await expect(migrate(db.sql, dir)).rejects.toThrow(/00003_bad.sql failed/);
    expect((await db.sql`select count(*)::int as n from mt_a`)[0]!.n).toBe(1);
    expect((await db.sql`select count(*)::int as n from schema_migrations`)[0]!.n).toBe(2);
  });

  it('creates the database named in DATABASE_URL when it does not exist, once', async () => {
    const name = `rr_created_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      // several processes starting at once: one creates it, none fails
      const created = await Promise.all([1, 2, 3, 4].map(() => ensureDatabase(databaseUrl(name))));
      expect(created.filter(Boolean)).toHaveLength(1);
      expect(await ensureDatabase(databaseUrl(name))).toBe(false);
      expect(await admin`select 1 from pg_database where datname = ${name}`).toHaveLength(1);
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    }
  });

  it('refuses gaps in the numbering', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rr-migrations-'));
    await writeFile(path.join(dir, '00001_a.sql'), 'select 1;');
    await writeFile(path.join(dir, '00003_c.sql'), 'select 1;');
    await expect(listMigrations(dir)).rejects.toThrow(/without gaps/);
  });
});
