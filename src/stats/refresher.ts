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

/** Starts the refresher thread: it refreshes every `intervalMs` (first run at once; 0: never on its own) until closed. */
export function startStatsRefresher(data: RefresherThreadData, logger: Logger): StatsRefresher {
  const waiting = new Map<number, { resolve(r: RefreshResult): void; reject(e: Error): void }>();
  let nextId = 0;
  let closing: Promise<void> | null = null;
  let exited = false;
  const thread = spawnRefresherThread(data);
  // The thread holds its own connection and timer: it must not keep a closing process alive.
  thread.unref();

  thread.on('message', (m: ThreadReply) => {
    if (m.type === 'closed') return;
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.type === 'result') w?.resolve(m.result);
    else w?.reject(new Error(`statistics refresh failed: ${m.message}`));
  });
  thread.on('error', (err) => logger.error({ err }, 'statistics refresher thread crashed'));
  thread.on('exit', (code) => {
    exited = true;
    if (!closing) logger.error({ code }, 'statistics refresher thread exited; rollups are no longer refreshed by this process');
    for (const w of waiting.values()) w.reject(new Error('statistics refresher thread exited'));
    waiting.clear();
  });

  return {
    runNow(opts = {}) {
      if (exited || closing) return Promise.reject(new Error('statistics refresher is not running'));
      const id = nextId++;
      const result = new Promise<RefreshResult>((resolve, reject) => waiting.set(id, { resolve, reject }));
      thread.postMessage({ type: 'run-now', id, months: opts.months ?? true } satisfies ThreadRequest);
      return result;
    },
    close() {
      closing ??= exited
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            thread.once('exit', () => resolve());
            thread.postMessage({ type: 'close' } satisfies ThreadRequest);
          });
      return closing;
    },
  };
}

// Run from the bundle (dist/roleradar.js), the thread is dist/stats-refresher.js, built beside it
// by bin/build.js. Run from source (tsx, vitest), a small boot file loads the TypeScript entry through tsx.
function spawnRefresherThread(data: RefresherThreadData): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./stats-refresher.js', here), { workerData: data });
  const entry = new URL('./refresher-thread.ts', here).href;
  return new Worker(new URL('./refresher-thread-source.mjs', here), { workerData: { ...data, entry } });
}
