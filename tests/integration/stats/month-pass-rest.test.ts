import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.ts';
import { refreshEvery } from '../../../src/stats/refresher-thread.ts';
import type { LastRun } from '../../../src/stats/resting.ts';
import { createTestDatabase, waitFor } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';
import { POSTINGS, seedPostings } from './seed.ts';

// The refresher's timer refreshes the day rollups on every tick, and the month pass (skill weeks
// and months, pairs, salaries) only when it is not resting after a slow run (src/stats/resting.ts).

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const roleTotal = async () =>
  (await db.sql<{ n: number }[]>`select coalesce(sum(total), 0)::int as n from stats_role_days where f_kind = '' and combo = 0`)[0]!.n;
const dirtyMonths = async () =>
  (await db.sql<{ n: number }[]>`select count(*)::int as n from stats_dirty_periods where kind = 'month'`)[0]!.n;

describe('refreshEvery', () => {
  it('refreshes the days on every tick and leaves the month pass for later while it rests', async () => {
    await seedPostings(db.sql, POSTINGS.slice(0, 3));
    const asked: LastRun[] = [];
    // after the first month pass, rest for good: as if it had been slow
    const loop = refreshEvery(db.sql, createLogger('silent'), 20, (last) => (asked.push(last), last !== null));
    try {
      await waitFor(async () => (await roleTotal()) > 0 && asked.some((l) => l !== null));
      expect(await dirtyMonths()).toBe(0);
      const before = await roleTotal();

      await seedPostings(db.sql, POSTINGS.slice(3));
      await waitFor(async () => (await roleTotal()) > before);
      // a few more ticks: the new postings' days are counted, their months still wait
      const ticks = asked.length;
      await waitFor(async () => asked.length >= ticks + 3);
      expect(await dirtyMonths()).toBeGreaterThan(0);
      const last = asked.at(-1)!;
      expect(last).not.toBeNull();
      expect(last!.tookMs).toBeGreaterThan(0);
    } finally {
      await loop.close();
    }
  });
});
