import { parentPort, workerData } from 'node:worker_threads';
import { createSql } from '../db/sql.ts';
import { refreshStats } from '../db/stats-refresh.sql.ts';
import type { RefreshOptions, RefreshResult } from '../db/stats-refresh.sql.ts';
import { lowerThreadPriority } from '../cpu-priority.ts';
import { createLogger } from '../logger.ts';
import type { Logger } from '../logger.ts';
import type { Sql } from 'postgres';
import type { RefresherThreadData, ThreadReply, ThreadRequest } from './refresher.ts';
import { resting } from './resting.ts';
import type { LastRun } from './resting.ts';

// The statistics refresher's thread (started by startStatsRefresher): its own event loop, its
// own Postgres connection. Everything it does stays off the thread that answers requests.

/**
 * Refreshes every `intervalMs` (first run at once; 0: only when asked) until closed, the month
 * pass included unless the last one was slow and is resting. runNow() waits for a run in
 * progress, then runs (`months: false`: the day rollups only). `monthPassResting` is for tests.
 */
export function refreshEvery(
  sql: Sql,
  logger: Logger,
  intervalMs: number,
  monthPassResting: (last: LastRun, now: number) => boolean = resting,
): { runNow(opts: RefreshOptions): Promise<RefreshResult>; close(): Promise<void> } {
  let running: Promise<RefreshResult> | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const run = (opts: RefreshOptions = {}): Promise<RefreshResult> => {
    running ??= refreshStats(sql, opts)
      .then((r) => {
        if (r.ran && r.days > 0) logger.info({ days: r.days, months: r.months, ms: Math.round(r.ms) }, 'statistics rollups refreshed');
        return r;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  // The month pass (skill weeks and months, pairs, salaries) recounts a month of postings: ~30 s
  // of CPU at 1 M postings. Every tick refreshes the days; a slow month pass rests (resting.ts),
  // so during a long ingest it takes at most a fifth of the time instead of half of it.
  let lastMonthPass: LastRun = null;
  const tick = () => {
    const months = !monthPassResting(lastMonthPass, performance.now());
    if (!months) logger.debug({ lastMonthPass }, 'statistics month pass resting; days only this tick');
    run({ months })
      .then((r) => {
        if (r.ran && r.months > 0) lastMonthPass = { endedAt: performance.now(), tookMs: r.ms };
      })
      .catch((err: unknown) => logger.error({ err }, 'statistics refresh failed; retrying next tick'))
      .finally(() => {
        if (!closed) timer = setTimeout(tick, intervalMs);
      });
  };
  if (intervalMs > 0) timer = setTimeout(tick, 0);

  return {
    async runNow(opts) {
      if (running) await running.catch(() => {});
      return run(opts);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}

if (parentPort) {
  const port = parentPort;
  const data = workerData as RefresherThreadData;
  lowerThreadPriority(data.nice);
  const logger = createLogger(data.logLevel).child({ component: 'stats' });
  // one connection: refreshStats reserves it for its advisory lock, and nothing else runs here
  const sql = createSql(data.databaseUrl, { max: 1 });
  const loop = refreshEvery(sql, logger, data.intervalMs);
  const reply = (m: ThreadReply) => port.postMessage(m);
  port.on('message', (m: ThreadRequest) => {
    if (m.type === 'run-now') {
      loop.runNow({ months: m.months }).then(
        (result) => reply({ type: 'result', id: m.id, result }),
        (err: unknown) => reply({ type: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) }),
      );
    } else if (m.type === 'close') {
      // a run in progress finishes (its transaction commits) before the connection closes
      loop
        .close()
        .then(() => sql.end({ timeout: 5 }))
        .finally(() => {
          reply({ type: 'closed' });
          port.close();
        });
    }
  });
}
