// Statistics API over 1,000,000 postings (issue 6): a scratch database (roleradar_bench) seeded by
// COPY, the rollups built by the refresher, the real API (startApi), then autocannon at 50
// connections against every trend endpoint. Two workloads per endpoint:
//   "mix"   a few filter mixes, repeated: what dashboards send (answers come from the cache);
//   "miss"  thousands of distinct queries, sent with Cache-Control: no-cache so every answer is
//           computed from the rollups (month-grain endpoints answer for whole months, so distinct
//           ranges alone would often share one cached answer). The API keeps the rollup rows it
//           reads until a refresh moves their stamp (src/db/rollup-rows.sql.ts), so the first
//           seconds of misses read rows from Postgres and the rest sum kept rows: the same
//           queries run for WARM_SECONDS first, reported as "first 2 s", then the measured run.
// The per-key rate limit is off (RATE_LIMIT_PER_MINUTE=0): 50 connections from one address would
// hit it within a second; this measures the statistics path.
// BENCH_POSTINGS=50000 for a quick run. BENCH_REUSE=1 keeps a roleradar_bench that already holds
// exactly BENCH_POSTINGS seeded postings (the seed takes minutes; it is deterministic for a given
// last day, so reuse it only on the day it was seeded), migrates it and refreshes its rollups
// (a full rebuild only if a migration reset them); without it, or when the count differs, the
// database is dropped and seeded again.
import { fork } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { loadDefaultTaxonomy } from '../src/classify/index.ts';
import { loadConfig } from '../src/config.ts';
import { createSql } from '../src/db/sql.ts';
import { refreshStats } from '../src/db/stats-refresh.sql.ts';
import { createLogger } from '../src/logger.ts';
import { runMigrations, startApi } from '../src/runtime.ts';
import type { BenchFigure } from './lib.ts';
import { seedPostings } from './stats-seed.ts';

interface AutocannonResult {
  latency: { p50: number; p99: number };
  requests: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

// autocannon in a child process: in the API's own thread it would compete for the event loop.
function autocannon(opts: Record<string, unknown>): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./autocannon-worker.mjs', import.meta.url)), { stdio: 'ignore' , serialization: 'advanced' });
    child.once('message', (m) => resolve(m as AutocannonResult));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`autocannon exited with ${code}`)));
    child.send(opts);
  });
}

const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'roleradar_bench';
const N = Number(process.env.BENCH_POSTINGS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_SECONDS = 2;
const TARGET = 'p99 <= 50 ms';

const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

// A few filter mixes an analyst's dashboard sends.
const MIXES = ['', 'count=unique', 'role=data-science-ml', 'country=DE&open=open', 'seniority=senior&count=unique', `from=${daysAgo(180)}&to=${today}`];

const ENDPOINTS: Array<{ name: string; path: string; mixes: string[] }> = [
  { name: 'trends/roles', path: '/api/v1/trends/roles', mixes: [...MIXES, 'interval=day', 'skill=python'] },
  { name: 'trends/skills', path: '/api/v1/trends/skills', mixes: [...MIXES, 'limit=50', 'skill=docker'] },
  { name: 'trends/skills/series', path: '/api/v1/trends/skills/series', mixes: [...MIXES, 'skills=python,django,docker'] },
  { name: 'skills/python/cooccurrence', path: '/api/v1/skills/python/cooccurrence', mixes: ['', 'count=unique', 'open=open', `from=${daysAgo(180)}&to=${today}`] },
  { name: 'salaries', path: '/api/v1/salaries', mixes: ['', 'groupBy=country', 'groupBy=skill', 'groupBy=seniority&role=full-stack', 'count=unique&country=US'] },
];

// Filters the rollups do not hold, counted from the postings themselves (a scan of the range's
// postings per answer): two dimension filters at once, or one an endpoint's rollup does not keep.
const COMBINED: Array<{ name: string; path: string; query: string }> = [
  { name: 'trends/roles, role + country', path: '/api/v1/trends/roles', query: 'role=data-science-ml&country=DE' },
  { name: 'trends/skills, role + workplace', path: '/api/v1/trends/skills', query: 'role=full-stack&workplace=remote' },
  { name: 'trends/skills, skill + country (3 months)', path: '/api/v1/trends/skills', query: 'skill=python&country=US' },
  { name: 'skills/python/cooccurrence, role (3 months)', path: '/api/v1/skills/python/cooccurrence', query: 'role=data-science-ml' },
  { name: 'salaries by skill, country (3 months)', path: '/api/v1/salaries', query: 'groupBy=skill&country=DE' },
];

const url = (base: string, path: string, query: string) => `${base}${path}${query ? `?${query}` : ''}`;

// Distinct queries: every (from, mix) pair differs, more of them than the cache holds.
function missQueries(mixes: string[]): string[] {
  const out: string[] = [];
  for (let back = 0; back < 400; back++) {
    for (const mix of mixes.filter((m) => !m.includes('from='))) {
      out.push([`from=${daysAgo(84 + back)}`, `to=${daysAgo(back)}`, mix].filter(Boolean).join('&'));
    }
  }
  return out.sort(() => Math.random() - 0.5);
}

// A slow run leaves requests queued in the server after autocannon stops: wait until a fresh
// request is answered quickly again, so each run measures only itself.
async function drain(base: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    await fetch(`${base}/api/v1/taxonomy`).then((r) => r.arrayBuffer());
    if (performance.now() - t < 50) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

// CPU ticks (1/100 s) of the Postgres backends serving the bench database, by pid, from /proc:
// on a machine shared with other work, CPU per request says more than wall-clock latency.
function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.startsWith('postgres: ') || !cmd.includes(` ${DB} `)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks.set(Number(pid), Number(fields[11]) + Number(fields[12])); // utime, stime
    } catch {
      // gone meanwhile, or not readable: not ours
    }
  }
  return ticks;
}

interface LoadResult extends AutocannonResult {
  /** CPU ms per answered request: the API (this process) and the database's backends */
  apiCpuMs: number;
  postgresCpuMs: number;
}

// Loads `path` with each of `queries` in turn (with path '', each query is a whole path and query).
async function load(base: string, path: string, queries: string[], headers: Record<string, string> = {}, seconds = SECONDS, connections = 50): Promise<LoadResult> {
  await drain(base);
  const pg = postgresTicks();
  const cpu = process.cpuUsage();
  const r = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: queries.map((q) => ({ method: 'GET', path: path ? `${path}${q ? `?${q}` : ''}` : q, headers })),
  });
  const api = process.cpuUsage(cpu);
  let pgTicks = 0;
  for (const [pid, t] of postgresTicks()) pgTicks += t - (pg.get(pid) ?? 0);
  const answered = Math.max(1, r.requests.average * seconds);
  return { ...r, apiCpuMs: (api.user + api.system) / 1000 / answered, postgresCpuMs: (pgTicks * 10) / answered };
}

// The bench database's URL, and whether it already holds the N seeded postings (BENCH_REUSE=1).
async function benchDatabase(): Promise<{ url: string; seeded: boolean }> {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB}`;
  const url = u.toString();
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    if (process.env.BENCH_REUSE === '1' && (await admin`select 1 from pg_database where datname = ${DB}`).length > 0) {
      const db = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const [row] = await db<{ n: number }[]>`select count(*)::int as n from postings where status = 'done'`.catch(() => [{ n: -1 }]);
        if (row?.n === N) return { url, seeded: true };
      } finally {
        await db.end({ timeout: 5 });
      }
    }
    await admin.unsafe(`drop database if exists ${DB} with (force)`);
    await admin.unsafe(`create database ${DB}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return { url, seeded: false };
}

const secs = (ms: number) => Math.round(ms / 100) / 10;

/** Seeds, builds the rollups, then loads every trend endpoint; returns the figures. */
export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const { url: databaseUrl, seeded } = await benchDatabase();
  // The default pool (10): with 20, Postgres spent 1.3-1.5 ms CPU per skill-trends miss instead
  // of 0.8 (20 backends contending for 2 cores), for no more throughput.
  const config = loadConfig({ DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'silent', STATS_REFRESH_MS: '0', RATE_LIMIT_PER_MINUTE: '0' });
  await runMigrations(config, createLogger('silent'));
  const taxonomy = loadDefaultTaxonomy();
  const sql = createSql(databaseUrl, { max: 4 });
  try {
    let t = performance.now();
    if (!seeded) {
      await seedPostings(sql, { roles: taxonomy.roles.map((r) => r.id), skills: taxonomy.skills.map((s) => s.id) }, N, today);
      figures.push({ name: `seed ${N.toLocaleString('en-US')} postings (COPY)`, value: secs(performance.now() - t), unit: 's' });
    }
    const [counts] = await sql<{ skills: number; roles: number }[]>`
      select (select count(*) from posting_skills)::int as skills, (select count(*) from posting_roles)::int as roles`;
    figures.push({ name: 'posting_skills rows', value: counts!.skills, unit: 'rows' });
    t = performance.now();
    // A reused database keeps its rollups: the refresh brings them up to date (a new migration
    // may have marked periods dirty, or reset them for a rebuild). A fresh seed builds them all.
    const built = await refreshStats(sql, { full: !seeded });
    const what = seeded ? 'rollup refresh of the reused database' : 'first rollup build';
    figures.push({ name: `${what} (${built.days} days, ${built.months} months)`, value: secs(performance.now() - t), unit: 's' });
    const [size] = await sql<{ mb: number }[]>`
      select round(sum(pg_total_relation_size(c.oid)) / 1048576.0)::int as mb from pg_class c where c.relname like 'stats\\_%' and c.relkind = 'r'`;
    figures.push({ name: 'rollup tables on disk', value: size!.mb, unit: 'MB' });
    // A day's worth of writes, then the incremental refresh that picks them up.
    await sql`update postings set updated_at = now() where stats_posting_day(date_posted, first_seen_at) = ${today}::date`;
    t = performance.now();
    const inc = await refreshStats(sql);
    figures.push({ name: `incremental refresh (${inc.days} day, ${inc.months} month)`, value: secs(performance.now() - t), unit: 's' });
  } finally {
    await sql.end({ timeout: 5 });
  }

  const api = await startApi(config, createLogger('silent'));
  try {
    for (const e of ENDPOINTS) {
      // One warm-up pass so the "mix" figures measure the steady state.
      for (const q of e.mixes) await fetch(url(api.url, e.path, q));
      for (const [kind, queries] of [['mix', e.mixes], ['miss', missQueries(e.mixes)]] as const) {
        const headers: Record<string, string> = kind === 'miss' ? { 'cache-control': 'no-cache' } : {};
        if (kind === 'miss') {
          const cold = await load(api.url, e.path, queries, headers, WARM_SECONDS);
          figures.push({ name: `${e.name} (miss, first ${WARM_SECONDS} s: rows read from Postgres) p99`, value: cold.latency.p99, unit: 'ms' });
        }
        const r = await load(api.url, e.path, queries, headers);
        const label = `${e.name} (${kind}${kind === 'mix' ? ` of ${queries.length}` : ''})`;
        const failed = r.non2xx + r.errors + r.timeouts;
        figures.push(
          { name: `${label} p50`, value: r.latency.p50, unit: 'ms' },
          { name: `${label} p99`, value: r.latency.p99, unit: 'ms', target: TARGET, meetsTarget: r.latency.p99 <= 50 && failed === 0 },
          { name: `${label} throughput${failed ? ` (${failed} failed)` : ''}`, value: r.requests.average, unit: 'req/s' },
          { name: `${label} API CPU`, value: r.apiCpuMs, unit: 'ms/req' },
          { name: `${label} Postgres CPU`, value: r.postgresCpuMs, unit: 'ms/req' },
        );
      }
    }
    // Combined filters: each uncached answer alone (median of 3, 12 weeks unless said), then a
    // year of the first, then all of them from 8 connections at once.
    for (const c of COMBINED) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        const res = await fetch(url(api.url, c.path, c.query), { headers: { 'cache-control': 'no-cache' } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${c.path}?${c.query}: ${res.status}`);
        times.push(performance.now() - t);
      }
      figures.push({ name: `combined filters, ${c.name}: one uncached answer`, value: times.sort((a, b) => a - b)[1]!, unit: 'ms' });
    }
    const year = COMBINED[0]!;
    const t = performance.now();
    await fetch(url(api.url, year.path, `${year.query}&from=${daysAgo(364)}&to=${today}`), { headers: { 'cache-control': 'no-cache' } }).then((r) => r.arrayBuffer());
    figures.push({ name: `combined filters, ${year.name}, a year: one uncached answer`, value: performance.now() - t, unit: 'ms' });
    const combined = await load(api.url, '', COMBINED.map((c) => `${c.path}?${c.query}`), { 'cache-control': 'no-cache' }, SECONDS, 8);
    const combinedFailed = combined.non2xx + combined.errors + combined.timeouts;
    figures.push(
      { name: `combined filters, all five, 8 connections, uncached p50${combinedFailed ? ` (${combinedFailed} failed)` : ''}`, value: combined.latency.p50, unit: 'ms' },
      { name: 'combined filters, all five, 8 connections, uncached p99', value: combined.latency.p99, unit: 'ms' },
      { name: 'combined filters, all five, 8 connections, uncached throughput', value: combined.requests.average, unit: 'req/s' },
      { name: 'combined filters, API CPU', value: combined.apiCpuMs, unit: 'ms/req' },
      { name: 'combined filters, Postgres CPU', value: combined.postgresCpuMs, unit: 'ms/req' },
    );

    const list = await load(api.url, '/api/v1/postings', ['limit=50', 'limit=50&skill=python', 'limit=50&country=DE&count=unique', 'limit=50&q=company%2042']);
    const listFailed = list.non2xx + list.errors + list.timeouts;
    figures.push(
      { name: `postings list p50${listFailed ? ` (${listFailed} failed)` : ''}`, value: list.latency.p50, unit: 'ms' },
      { name: 'postings list p99', value: list.latency.p99, unit: 'ms' },
      { name: 'postings list throughput', value: list.requests.average, unit: 'req/s' },
    );
  } finally {
    await api.close();
  }
  return figures;
}
