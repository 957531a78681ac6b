import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshStats } from '../../../src/db/stats-refresh.sql.ts';
import { packagePath } from '../../../src/package-root.ts';
import { createTestDatabase } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';
import { POSTINGS, seedPostings } from './seed.ts';

// sql/00013 converts stored skill vectors from [n, required, preferred] triples per slot to three
// planes in place. Here the refresher's rows (planes) are written back as triples, as a database
// before 00013 held them, and the migration's statements must give the refresher's rows back.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedPostings(db.sql, POSTINGS);
  await refreshStats(db.sql);
});

afterAll(async () => {
  await db?.drop();
});

// Little-endian int32 planes [n..., required..., preferred...] as triples, and back.
function planesToTriples(planes: Buffer): Buffer {
  const w = planes.byteLength / 12;
  const out = Buffer.alloc(planes.byteLength);
  for (let i = 0; i < w; i++) for (let p = 0; p < 3; p++) out.writeInt32LE(planes.readInt32LE(4 * (p * w + i)), 4 * (3 * i + p));
  return out;
}
function planesOf(n: number[], required: number[], preferred: number[]): Buffer {
  const out = Buffer.alloc(12 * n.length);
  [...n, ...required, ...preferred].forEach((x, i) => out.writeInt32LE(x, 4 * i));
  return out;
}

describe('sql/00013_skill_vector_planes', () => {
  it('turns triples into planes for every stored vector, whatever its width', async () => {
    const skillRows = () => db.sql<Array<{ key: string; counts: Buffer }>>`
      select concat_ws('|', f_kind, f_val, combo, grain, start) as key, counts from stats_skill_periods order by 1`;
    const pairRows = () => db.sql<Array<{ key: string; counts: Buffer }>>`
      select concat_ws('|', skill_a, combo, month) as key, counts from stats_pair_months order by 1`;
    // one row narrower than the rest (written before later skills had slots), one empty
    const [narrow, empty] = (await skillRows()).slice(0, 2);
    await db.sql`update stats_skill_periods set counts = ${planesOf([3, 0], [1, 0], [2, 0])}
      where concat_ws('|', f_kind, f_val, combo, grain, start) = ${narrow!.key}`;
    await db.sql`update stats_skill_periods set counts = ''::bytea where concat_ws('|', f_kind, f_val, combo, grain, start) = ${empty!.key}`;
    const want = [await skillRows(), await pairRows()];
    expect(want[0]!.length).toBeGreaterThan(10);
    expect(want[1]!.length).toBeGreaterThan(10);
    expect(want[0]!.some((r) => r.counts.byteLength > 12 && !r.counts.equals(planesToTriples(r.counts)))).toBe(true);

    await db.sql.begin(async (tx) => {
      for (const r of want[0]!) {
        await tx`update stats_skill_periods set counts = ${planesToTriples(r.counts)} where concat_ws('|', f_kind, f_val, combo, grain, start) = ${r.key}`;
      }
      for (const r of want[1]!) {
        await tx`update stats_pair_months set counts = ${planesToTriples(r.counts)} where concat_ws('|', skill_a, combo, month) = ${r.key}`;
      }
    });
    expect(await skillRows()).not.toEqual(want[0]);

    await db.sql.unsafe(await readFile(packagePath('sql/00013_skill_vector_planes.sql'), 'utf8'));
    expect([await skillRows(), await pairRows()]).toEqual(want);
  });
});
