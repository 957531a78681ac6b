import { Worker } from 'node:worker_threads';
import type { RefreshResult } from '../db/stats-refresh.sql.ts';
import type { Logger } from '../logger.ts';

// Runs the rollup refresher on a timer, in a worker thread of its own. Every API process may run
// one: the advisory lock in refreshStats lets one of them work while the others skip that tick.
//
// Why a thread: a refresh after a busy hour reads every posting of the day (and month) it
// recomputes and counts them in JavaScript, seconds of CPU in one piece. On the API's event loop
// every request waited behind it: trend p99 of 1.5 s in the load bench while postings streamed in.

export interface StatsRefresher {
  /** refreshes now (waiting for a run in progress first); `months: false` does the day rollups only */
  runNow(opts?: { months?: boolean }): Promise<RefreshResult>;
  close(): Promise<void>;
}

export interface RefresherThreadData {
  databaseUrl: string;
  /** how often to refresh on its own; 0: only when asked (runNow) */
  intervalMs: number;
  /** the thread's nice value: below the API's requests, which share the process */
  nice: number;
  logLevel: string;
}

export type ThreadRequest = { type: 'run-now'; id: number; months: boolean } | { type: 'close' };
export type ThreadReply = { type: 'result'; id: number; result: RefreshResult } | { type: 'failed'; id: number; message: string } | { type: 'closed' };

// A thread that dies (an out-of-memory kill of its heap, a bug) is started again after a pause
// that doubles while it keeps dying young, so a thread that cannot start does not spin.
const FIRST_RESTART_MS = 1000;
const MAX_RESTART_MS = 60_000;
/** a thread that ran this long before dying starts the pauses over */
const HEALTHY_RUN_MS = 60_000;

/**
 * Starts the refresher thread: it refreshes every `intervalMs` (first run at once; 0: never on its
 * own) until closed, and is started again if it dies. `spawn` is for tests that need the thread.
 */
export function startStatsRefresher(data: RefresherThreadData, logger: Logger, spawn: (data: RefresherThreadData) => Worker = spawnRefresherThread): StatsRefresher {
  const waiting = new Map<number, { resolve(r: RefreshResult): void; reject(e: Error): void }>();
  let nextId = 0;
  let closing: Promise<void> | null = null;
  let restartMs = FIRST_RESTART_MS;
  let restartTimer: NodeJS.Timeout | null = null;
  let thread: Worker | null = null;

  const start = () => {
    restartTimer = null;
    const started = Date.now();
    const t = spawn(data);
    thread = t;
    // The thread holds its own connection and timer: it must not keep a closing process alive.
    t.unref();
    t.on('message', (m: ThreadReply) => {
      if (m.type === 'closed') return;
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.type === 'result') w?.resolve(m.result);
      else w?.reject(new Error(`statistics refresh failed: ${m.message}`));
    });
    t.on('error', (err) => logger.error({ err }, 'statistics refresher thread crashed'));
    t.on('exit', (code) => {
      thread = null;
      for (const w of waiting.values()) w.reject(new Error('statistics refresher thread exited'));
      waiting.clear();
      if (closing) return;
      if (Date.now() - started >= HEALTHY_RUN_MS) restartMs = FIRST_RESTART_MS;
      logger.error({ code, restartInMs: restartMs }, 'statistics refresher thread exited; starting it again');
      restartTimer = setTimeout(start, restartMs);
      restartTimer.unref();
      restartMs = Math.min(restartMs * 2, MAX_RESTART_MS);
    });
  };
  start();

  return {
    runNow(opts = {}) {
      if (closing) return Promise.reject(new Error('statistics refresher is not running'));
      if (!thread) return Promise.reject(new Error('statistics refresher thread is restarting'));
      const id = nextId++;
      const result = new Promise<RefreshResult>((resolve, reject) => waiting.set(id, { resolve, reject }));
      thread.postMessage({ type: 'run-now', id, months: opts.months ?? true } satisfies ThreadRequest);
      return result;
    },
    close() {
      if (closing) return closing;
      if (restartTimer) clearTimeout(restartTimer);
      const t = thread;
      closing = t
        ? new Promise<void>((resolve) => {
            t.once('exit', () => resolve());
            t.postMessage({ type: 'close' } satisfies ThreadRequest);
          })
        : Promise.resolve();
      return closing;
    },
  };
}
// Run from the bundle (dist/roleradar.js), the thread is dist/stats-refresher.js, built beside it
// by bin/build.js. Run from source (tsx, vitest), a small boot file loads the TypeScript entry through tsx.
export function spawnRefresherThread(data: RefresherThreadData): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./stats-refresher.js', here), { workerData: data });
  const entry = new URL('./refresher-thread.ts', here).href;
  return new Worker(new URL('./refresher-thread-source.mjs', here), { workerData: { ...data, entry } });
}
