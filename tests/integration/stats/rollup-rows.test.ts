import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RowCache } from '../../../src/db/rollup-rows.sql.ts';
import type { ChangeStamps, RollupSource } from '../../../src/db/rollup-rows.sql.ts';
import { refreshStats, statsRefreshState } from '../../../src/db/stats-refresh.sql.ts';
import { cooccurring, roleTrends, salaryBands, skillSeries, topSkills } from '../../../src/db/trends.sql.ts';
import type { Facet, RollupQuery } from '../../../src/stats/filters.ts';
import { createTestDatabase } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';
import { POSTINGS, seedPostings } from './seed.ts';

// The rollup rows an API process keeps (rollup-rows.sql.ts): answers from kept rows must equal
// answers read afresh from Postgres, and a kept row must be read again once the stamp of the pass
// that writes it moves, and not before.

let db: TestDatabase;
let stamps: ChangeStamps;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedPostings(db.sql, POSTINGS);
  await refreshStats(db.sql);
  const s = await statsRefreshState(db.sql);
  const iso = (d: Date | null) => d!.toISOString();
  stamps = { day: iso(s.daysChangedAt), month: iso(s.monthsChangedAt) };
});

afterAll(async () => {
  await db?.drop();
});

const source = (changed: ChangeStamps, rows = new RowCache(1 << 24)): RollupSource => ({ sql: db.sql, rows, changed });
const query = (from: string, to: string, facet: Facet = { kind: '', value: '' }, unique = false): RollupQuery => ({ from, to, facet, unique, openOnly: false });

// Every statistic over one range and filter (cooccurrence over its whole months, unfiltered).
async function answers(src: RollupSource, q: RollupQuery) {
  const months = { from: `${q.from.slice(0, 7)}-01`, to: q.to.slice(0, 7) === '2026-10' ? '2026-10-31' : '2026-11-30' };
  return {
    roles: await roleTrends(src, q, 'week'),
    rolesByDay: await roleTrends(src, q, 'day'),
    top: await topSkills(src, q, 10, { from: '2026-08-01', to: addDay(q.from, -1) }),
    series: await skillSeries(src, q, 'week', null),
    cooc: q.facet.kind === '' ? await cooccurring(src, { ...q, ...months }, 'python', 20) : null,
    salaries: JSON.parse((await salaryBands(src, { ...q, ...months }, 'role')).text()) as unknown,
    salariesBySkill: q.facet.kind === '' ? (JSON.parse((await salaryBands(src, { ...q, ...months }, 'skill')).text()) as unknown) : null,
  };
}
const addDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const RANGES: Array<[string, string]> = [
  ['2026-09-20', '2026-11-02'],
  ['2026-09-28', '2026-10-15'],
  ['2026-10-05', '2026-10-14'],
  ['2026-10-01', '2026-10-31'],
  ['2026-09-29', '2026-10-06'],
];
const FACETS: Facet[] = [
  { kind: '', value: '' },
  { kind: 'country', value: 'DE' },
  { kind: 'role', value: 'api-integration' },
  { kind: 'country', value: 'FR' }, // no postings: every row of it is an empty one
];

describe('rollup rows kept by an API process', () => {
  it('give the answers Postgres gives, whatever ranges and filters share them', async () => {
    const kept = source(stamps);
    let nonEmpty = 0;
    for (const [from, to] of RANGES) {
      for (const facet of FACETS) {
        for (const unique of [false, true]) {
          const q = query(from, to, facet, unique);
          const want = await answers(source(stamps), q);
          expect(await answers(kept, q)).toEqual(want);
          if (want.roles.length > 0 && want.top.top.length > 0 && (want.salaries as unknown[]).length > 0) nonEmpty++;
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(10);
    expect(kept.rows.size).toBeGreaterThan(100);
  });

  it('give the same answers with no memory for rows (STATS_ROW_CACHE_MB=0), keeping none', async () => {
    const none = source(stamps, new RowCache(0));
    for (const [from, to] of RANGES.slice(0, 2)) {
      const q = query(from, to);
      expect(await answers(none, q)).toEqual(await answers(source(stamps), q));
    }
    expect(none.rows.size).toBe(0);
  });

  it('keep their stamps through a refresh that changes nothing, and move them when rows change', async () => {
    const before = await statsRefreshState(db.sql);
    await refreshStats(db.sql);
    const idle = await statsRefreshState(db.sql);
    expect(idle.refreshedAt!.getTime()).toBeGreaterThan(before.refreshedAt!.getTime());
    expect([idle.daysChangedAt, idle.monthsChangedAt]).toEqual([before.daysChangedAt, before.monthsChangedAt]);
    // a day written again: its day rows, then its week and month rows, are rewritten
    await db.sql`update postings set updated_at = now() where title = 'Data Scientist'`;
    await refreshStats(db.sql, { months: false });
    const days = await statsRefreshState(db.sql);
    expect(days.daysChangedAt!.getTime()).toBeGreaterThan(idle.daysChangedAt!.getTime());
    expect(days.monthsChangedAt).toEqual(idle.monthsChangedAt);
    await refreshStats(db.sql);
    const months = await statsRefreshState(db.sql);
    expect(months.monthsChangedAt!.getTime()).toBeGreaterThan(idle.monthsChangedAt!.getTime());
    stamps = { day: months.daysChangedAt!.toISOString(), month: months.monthsChangedAt!.toISOString() };
  });

  it('are read again when the stamp of their pass moves, and only then', async () => {
    const q = query('2026-09-20', '2026-11-02');
    const kept = source(stamps);
    const before = await answers(kept, q);
    expect(before.rolesByDay.some((r) => r.period === '2026-09-28')).toBe(true);
    try {
      // Day rows gone, as a refresh could leave them: the stamps have not moved, so the kept rows answer.
      await db.sql`delete from stats_role_days`;
      await db.sql`delete from stats_skill_periods where grain = 'd'`;
      expect(await answers(kept, q)).toEqual(before);

      // The day stamp moves: day rows are read again (none now), the week and month rows are kept.
      const dayMoved = source({ ...stamps, day: new Date().toISOString() }, kept.rows);
      const afterDay = await answers(dayMoved, q);
      expect(afterDay).toEqual(await answers(source(dayMoved.changed), q));
      expect(afterDay.roles).toEqual([]);
      expect(afterDay.top.total).toBeLessThan(before.top.total); // 2026-09-28 was a day row
      expect(afterDay.top.total).toBeGreaterThan(0); // October is a month row
      expect(afterDay.cooc).toEqual(before.cooc); // month rows only
      expect(afterDay.salaries).toEqual(before.salaries);

      // The month stamp moves too: nothing is kept.
      await db.sql`delete from stats_skill_periods`;
      await db.sql`delete from stats_pair_months`;
      await db.sql`delete from stats_salary_months`;
      await db.sql`delete from stats_salary_ranges`;
      const bothMoved = source({ day: dayMoved.changed.day, month: new Date(Date.now() + 1).toISOString() }, kept.rows);
      const afterBoth = await answers(bothMoved, q);
      expect(afterBoth.top.total).toBe(0);
      expect(afterBoth.cooc?.pairs).toEqual([]);
      expect(afterBoth.salaries).toEqual([]);
    } finally {
      await refreshStats(db.sql, { full: true });
    }
  });
});
