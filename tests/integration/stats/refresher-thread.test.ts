import { readFileSync, readdirSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.ts';
import { spawnRefresherThread, startStatsRefresher } from '../../../src/stats/refresher.ts';
import type { RefresherThreadData, StatsRefresher } from '../../../src/stats/refresher.ts';
import { createTestDatabase, waitFor } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';
import { POSTINGS, seedPostings } from './seed.ts';

// The refresher runs in a worker thread with its own connection (src/stats/refresher.ts), so a
// long refresh never holds up the event loop that answers requests.

let db: TestDatabase;
let refresher: StatsRefresher | null = null;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await refresher?.close();
  await db?.drop();
});

describe('startStatsRefresher', () => {
  it('builds the rollups at once from its own thread, and picks up later writes on runNow()', async () => {
    await seedPostings(db.sql, POSTINGS.slice(0, 3));
    // an hour: only the first run (at once) and runNow() can refresh within this test
    refresher = startStatsRefresher({ databaseUrl: db.url, intervalMs: 3_600_000, logLevel: 'silent', nice: 5 }, createLogger('silent'));

    // the first run (at once, or this one if the thread took the request first) builds every day
    expect(await refresher.runNow()).toMatchObject({ ran: true });
    const [first] = await db.sql<{ n: number }[]>`select coalesce(sum(total), 0)::int as n from stats_role_days where f_kind = '' and combo = 0`;
    expect(first!.n).toBeGreaterThan(0);

    await seedPostings(db.sql, POSTINGS.slice(3));
    const again = await refresher.runNow();
    expect(again.ran).toBe(true);
    expect(again.days).toBeGreaterThan(0);
    expect(again.refreshedAt).toBeInstanceOf(Date);
    const [after] = await db.sql<{ n: number }[]>`select coalesce(sum(total), 0)::int as n from stats_role_days where f_kind = '' and combo = 0`;
    expect(after!.n).toBeGreaterThan(first!.n);
  });

  it('runs at the nice value it was given, while the thread that started it keeps its own', () => {
    // /proc/self/task/<tid>/stat: field 19 is the nice value (after the ")" that ends the name, field 17)
    const niceOf = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const nices = readdirSync('/proc/self/task').map(niceOf);
    expect(nices.filter((n) => n === 5).length).toBeGreaterThan(0);
    expect(niceOf(String(process.pid))).toBe(0);
  });

  it('closes its connection on close(), and then refuses runNow() with a clear error', async () => {
    const backends = async () =>
      (await db.sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)[0]!.n;
    expect(await backends()).toBeGreaterThan(0);
    await refresher!.close();
    expect(await backends()).toBe(0);
    await expect(refresher!.runNow()).rejects.toThrow('statistics refresher is not running');
  });

  it('starts the thread again when it dies, and answers runNow() from the new one', async () => {
    const threads: Worker[] = [];
    const spawn = (data: RefresherThreadData) => {
      const t = spawnRefresherThread(data);
      threads.push(t);
      return t;
    };
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
    const restarting = startStatsRefresher({ databaseUrl: db.url, intervalMs: 0, logLevel: 'silent', nice: 5 }, logger, spawn);
    try {
      expect(await restarting.runNow()).toMatchObject({ ran: true });
      const pending = restarting.runNow();
      await threads[0]!.terminate();
      // what was asked of the dead thread fails loudly, and the death is logged
      await expect(pending).rejects.toThrow('statistics refresher thread exited');
      expect(lines.join('')).toContain('statistics refresher thread exited; starting it again');
      await expect(restarting.runNow()).rejects.toThrow('restarting');

      await waitFor(async () => threads.length >= 2);
      expect(threads).toHaveLength(2);
      expect(await restarting.runNow()).toMatchObject({ ran: true });
    } finally {
      await restarting.close();
    }
  });
});
