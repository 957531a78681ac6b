// What the end-to-end benches share: a scratch database, and the environment of the RoleRadar
// processes they start against one local site standing in for thousands of hosts.
import postgres from 'postgres';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { runMigrations } from '../src/runtime.ts';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Drops and re-creates database `name`, migrated; returns its URL. */
export async function freshBenchDatabase(name: string): Promise<string> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await runMigrations(loadConfig({ DATABASE_URL: url.toString() }), createLogger('warn'));
  return url.toString();
}

/** The V8 heap bound docker-compose.yml gives workers (keep the two the same). */
export const WORKER_NODE_OPTIONS = '--max-old-space-size=192';

/** Environment for `roleradar worker|serve` in a bench: politeness and limits off for the one local host. */
export function benchProcessEnv(databaseUrl: string, prefix: string, workerConcurrency = '32'): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: BENCH_REDIS_URL,
    QUEUE_PREFIX: prefix,
    FETCH_ALLOW_HOSTS: '127.0.0.1',
    // One local host stands in for thousands of sites: politeness would measure only itself.
    FETCH_HOST_CONCURRENCY: '1000',
    FETCH_HOST_INTERVAL_MS: '0',
    FETCH_RESPECT_ROBOTS: 'false',
    WORKER_CONCURRENCY: workerConcurrency,
    // every request comes from 127.0.0.1: the per-address limit would measure only itself
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    // as docker-compose.yml runs workers: the heap bound that keeps each near 200 MB
    // BENCH_NODE_OPTIONS adds flags to the processes a bench starts (e.g. --import ./bench/cpu-profile.mjs;
    // only flags NODE_OPTIONS allows: --cpu-prof is not one)
    NODE_OPTIONS: `${WORKER_NODE_OPTIONS} ${process.env.BENCH_NODE_OPTIONS ?? ''}`.trim(),
  };
}
