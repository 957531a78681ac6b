import type { Sql } from 'postgres';
import { refreshStats } from '../db/stats-refresh.sql.ts';
import type { RefreshResult } from '../db/stats-refresh.sql.ts';
import type { Logger } from '../logger.ts';

// Runs the rollup refresher on a timer. Every API process may run one: the advisory lock in
// refreshStats lets one of them work while the others skip that tick.

export interface StatsRefresher {
  /** refreshes now (waiting for a run in progress first) */
  runNow(): Promise<RefreshResult>;
  close(): Promise<void>;
}

/** Refreshes the statistics rollups every `intervalMs` (first run at once), until closed. */
export function startStatsRefresher(sql: Sql, logger: Logger, intervalMs: number): StatsRefresher {
  let running: Promise<RefreshResult> | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const run = (): Promise<RefreshResult> => {
    running ??= refreshStats(sql)
      .then((r) => {
        if (r.ran && r.days > 0) logger.info({ days: r.days, months: r.months, ms: Math.round(r.ms) }, 'statistics rollups refreshed');
        return r;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const tick = () => {
    run()
      .catch((err: unknown) => logger.error({ err }, 'statistics refresh failed; retrying next tick'))
      .finally(() => {
        if (!closed) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);

  return {
    async runNow() {
      if (running) await running.catch(() => {});
      return run();
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
