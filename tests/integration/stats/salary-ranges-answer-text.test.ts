import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshStats } from '../../../src/db/stats-refresh.sql.ts';
import { packagePath } from '../../../src/package-root.ts';
import { createTestDatabase } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';
import { POSTINGS, seedPostings } from './seed.ts';

// sql/00014 turns stored salary ranges from [group, currency, n, p25, p50, p75] tuples into the
// answer's objects, in place, as the text the API splices into answers. Here the refresher's rows
// are written back as tuples (and the column under its old name), as a database before 00014
// held them, and the migration must give the refresher's text back byte for byte.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedPostings(db.sql, POSTINGS);
  await refreshStats(db.sql);
});

afterAll(async () => {
  await db?.drop();
});

describe('sql/00014_salary_ranges_answer_text', () => {
  it('turns band tuples into the answer objects, with the same tokens', async () => {
    const rows = () => db.sql<Array<{ key: string; data: string }>>`
      select concat_ws('|', f_kind, f_val, g_kind, combo, first_month, last_month) as key, data::text as data from stats_salary_ranges order by 1`;
    // A range without salaries is stored as []; and awkward tokens: a group with quotes, a comma
    // and non-ASCII, fractions, a null, an exponent.
    const awkward = JSON.stringify([{ group: 'c++, "x" – ü', currency: 'EUR', n: 3, p25: 1234.5, p50: null, p75: 1e21 }]);
    await db.sql`insert into stats_salary_ranges select f_kind, f_val, g_kind, combo, '2020-01-01', '2020-01-01', '[]' from stats_salary_ranges limit 1`;
    await db.sql`insert into stats_salary_ranges select f_kind, f_val, g_kind, combo, '2020-02-01', '2020-02-01', ${awkward}::text::json from stats_salary_ranges limit 1`;
    const want = await rows();
    expect(want.length).toBeGreaterThan(10);
    expect(want.some((r) => r.data === '[]')).toBe(true);
    expect(want.some((r) => r.data === awkward)).toBe(true);
    const tuples = (data: string) =>
      JSON.stringify((JSON.parse(data) as Array<Record<string, unknown>>).map((b) => [b.group, b.currency, b.n, b.p25, b.p50, b.p75]));

    await db.sql.begin(async (tx) => {
      await tx`alter table stats_salary_ranges rename column data to bands`;
      for (const r of want) {
        await tx`update stats_salary_ranges set bands = ${tuples(r.data)}::text::json
          where concat_ws('|', f_kind, f_val, g_kind, combo, first_month, last_month) = ${r.key}`;
      }
    });
    const [old] = await db.sql<Array<{ bands: string }>>`select bands::text as bands from stats_salary_ranges where bands::text <> '[]' limit 1`;
    expect(old!.bands.startsWith('[["')).toBe(true);

    await db.sql.unsafe(await readFile(packagePath('sql/00014_salary_ranges_answer_text.sql'), 'utf8'));
    expect(await rows()).toEqual(want);
  });
});
