import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RowCache } from '../../../src/db/rollup-rows.sql.ts';
import type { RollupSource } from '../../../src/db/rollup-rows.sql.ts';
import { readPeriodStamps, refreshStats, statsRefreshState } from '../../../src/db/stats-refresh.sql.ts';
import type { PeriodStamps } from '../../../src/stats/period-stamps.ts';
import { cooccurring, roleTrends, salaryBands, skillSeries, topSkills } from '../../../src/db/trends.sql.ts';
import type { Facet, RollupQuery } from '../../../src/stats/filters.ts';
import { createTestDatabase } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';
import { POSTINGS, seedPostings } from './seed.ts';

// The rollup rows an API process keeps (rollup-rows.sql.ts): answers from kept rows must equal
// answers read afresh from Postgres, and a kept row must be read again once the stamp of the pass
// that writes it moves, and not before.

let db: TestDatabase;
let stamps: PeriodStamps;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedPostings(db.sql, POSTINGS);
  await refreshStats(db.sql);
  stamps = await readPeriodStamps(db.sql, (await statsRefreshState(db.sql)).rebuiltAt);
});

afterAll(async () => {
  await db?.drop();
});

const source = (at: PeriodStamps, rows = new RowCache(1 << 24)): RollupSource => ({ sql: db.sql, rows, stamps: at });
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

  it('keep the stamps of periods a refresh leaves alone, and move those of periods it rewrites', async () => {
    const now = async () => readPeriodStamps(db.sql, (await statsRefreshState(db.sql)).rebuiltAt);
    const before = await now();
    await refreshStats(db.sql);
    const idle = await readPeriodStamps(db.sql, (await statsRefreshState(db.sql)).rebuiltAt, before);
    expect(idle).toBe(before); // no period changed: the same stamps, object and all
    // One day written again (p2, 2026-10-06): its day rows, then its week and month rows.
    await db.sql`update postings set updated_at = now() where title = 'Data Scientist'`;
    await refreshStats(db.sql, { months: false });
    const days = await now();
    expect(days.of('d', '2026-10-06')).not.toBe(idle.of('d', '2026-10-06'));
    expect(days.ofDaysIn('2026-10-01')).not.toBe(idle.ofDaysIn('2026-10-01'));
    for (const [grain, start] of [['d', '2026-10-05'], ['d', '2026-09-28'], ['w', '2026-10-05'], ['m', '2026-10-01']] as const) {
      expect(days.of(grain, start), `${grain} ${start}`).toBe(idle.of(grain, start));
    }
    expect(days.ofDaysIn('2026-09-01')).toBe(idle.ofDaysIn('2026-09-01'));
    await refreshStats(db.sql);
    const months = await now();
    expect(months.of('w', '2026-10-05')).not.toBe(days.of('w', '2026-10-05'));
    expect(months.of('m', '2026-10-01')).not.toBe(days.of('m', '2026-10-01'));
    expect(months.ofMonths(['2026-09-01', '2026-10-01'])).not.toBe(days.ofMonths(['2026-09-01', '2026-10-01']));
    expect(months.of('w', '2026-10-12')).toBe(days.of('w', '2026-10-12'));
    expect(months.of('w', '2026-09-28')).toBe(days.of('w', '2026-09-28'));
    expect(months.ofMonths(['2026-09-01'])).toBe(days.ofMonths(['2026-09-01']));
    // A rebuild replaces every row: every stamp moves.
    await refreshStats(db.sql, { full: true });
    const rebuilt = await readPeriodStamps(db.sql, (await statsRefreshState(db.sql)).rebuiltAt, months);
    expect(rebuilt.base).not.toBe(months.base);
    expect(rebuilt.of('w', '2026-10-12')).not.toBe(months.of('w', '2026-10-12'));
    stamps = rebuilt;
  });

  it('are read again when the stamp of their period moves, and only then', async () => {
    const q = query('2026-09-20', '2026-11-02');
    const kept = source(stamps);
    const before = await answers(kept, q);
    expect(before.rolesByDay.some((r) => r.period === '2026-09-28')).toBe(true);
    expect(before.rolesByDay.some((r) => r.period >= '2026-10-01')).toBe(true);
    const later = (ms: number) => new Date(Date.now() + ms).toISOString();
    try {
      // Rows gone, as a refresh could leave them: the stamps have not moved, so the kept rows answer.
      await db.sql`delete from stats_role_days`;
      await db.sql`delete from stats_skill_periods`;
      await db.sql`delete from stats_pair_months`;
      await db.sql`delete from stats_salary_months`;
      await db.sql`delete from stats_salary_ranges`;
      expect(await answers(kept, q)).toEqual(before);

      // One day's stamp moves (2026-09-28): its rows, and September's role rows, are read again (gone
      // now); October's day rows and every week and month row are kept.
      const dayMoved = source(stamps.with([{ grain: 'd', start: '2026-09-28', changedAt: later(1) }]), kept.rows);
      const afterDay = await answers(dayMoved, q);
      expect(afterDay.rolesByDay).toEqual(before.rolesByDay.filter((r) => r.period >= '2026-10-01'));
      expect(afterDay.top.total).toBe(before.top.total - 1); // p6 of 2026-09-28 was a day row
      expect(afterDay.cooc).toEqual(before.cooc);
      expect(afterDay.salaries).toEqual(before.salaries);

      // October's month stamp moves: its month rows (skills, pairs, salaries) are read again: gone.
      const monthMoved = source(dayMoved.stamps.with([{ grain: 'm', start: '2026-10-01', changedAt: later(2) }]), kept.rows);
      const afterMonth = await answers(monthMoved, q);
      expect(afterMonth.top.total).toBe(0);
      expect(afterMonth.cooc?.pairs).toEqual([]);
      expect(afterMonth.salaries).toEqual([]);
      expect(afterMonth.rolesByDay).toEqual(afterDay.rolesByDay); // day rows: October's still kept
    } finally {
      await refreshStats(db.sql, { full: true });
    }
  });
});
