import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSql } from '../../../src/db/sql.ts';
import type { Sql } from '../../../src/db/sql.ts';
import { createTestDatabase } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';

// The one client every process uses (src/db/sql.ts): its sessions run without JIT compilation.

let db: TestDatabase;
let sql: Sql;
beforeAll(async () => {
  db = await createTestDatabase();
  sql = createSql(db.url, { max: 2 });
});
afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await db?.drop();
});

describe('createSql', () => {
  it('turns JIT off on every connection of its pool', async () => {
    const [a, b] = await Promise.all([
      sql<{ jit: string; backendPid: number }[]>`select current_setting('jit') as jit, pg_backend_pid() as backend_pid, pg_sleep(0.05)`,
      sql<{ jit: string; backendPid: number }[]>`select current_setting('jit') as jit, pg_backend_pid() as backend_pid, pg_sleep(0.05)`,
    ]);
    expect(a![0]!.backendPid).not.toBe(b![0]!.backendPid);
    expect([a![0]!.jit, b![0]!.jit]).toEqual(['off', 'off']);
  });
});
