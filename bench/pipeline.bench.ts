// End to end, as a nightly run: 50 RSS feeds x 200 new postings of about 45 KB, served on
// 127.0.0.1, pulled by the feed worker, fetched, parsed, tagged and written to Postgres by the
// analyze workers (real child processes, warmed up by one untimed feed first). Figures for 1 and 2 worker processes: postings/s and
// each worker's peak memory. Target from issue 4: >= 700 postings/s with two workers, <= 250 MB each.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSql } from '../src/db/sql.ts';
import { createFeedQueue } from '../src/queue.ts';
import { createRedis } from '../src/redis.ts';
import { runRoleradar } from '../tests/helpers/processes.ts';
import { deletePrefix } from '../tests/helpers/services.ts';
import type { BenchFigure } from './lib.ts';
import { BENCH_REDIS_URL, benchProcessEnv, freshBenchDatabase } from './services.ts';
import { buildPage } from './parse.bench.ts';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 50);
const PER_FEED = Number(process.env.BENCH_PER_FEED ?? 200);
const DB_NAME = 'roleradar_bench_pipeline';
const CORES = availableParallelism();

// One 45 KB template; each page gets its own title and id, and each feed its own company, so
// postings are distinct openings. (Pages of one company share their text: repost detection
// compares each with the company's others, as it would for a company reposting one text.)
const TEMPLATE = buildPage(45, 0);

function pageFor(feed: number, item: number): string {
  const n = feed * PER_FEED + item;
  return TEMPLATE.replaceAll('Senior Platform Engineer 0', `Senior Platform Engineer ${n}`)
    .replace('R-0', `R-${n}`)
    .replaceAll('Acme Logistics', `Acme Logistics ${feed}`);
}

function rssFor(origin: string, feed: number): string {
  let items = '';
  for (let i = 0; i < PER_FEED; i++) items += `<item><title>Senior Platform Engineer ${feed * PER_FEED + i}</title><link>${origin}/jobs/${feed}/${i}</link><guid>${feed}-${i}</guid></item>`;
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Board ${feed}</title><link>${origin}/</link>${items}</channel></rss>`;
}

async function startSite(): Promise<{ origin: string; close(): Promise<void> }> {
  let origin = '';
  const server = createServer((req, res) => {
    const m = /^\/(feeds|jobs)\/(\d+)(?:\.xml|\/(\d+))?$/.exec(req.url ?? '');
    if (m?.[1] === 'feeds') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFor(origin, Number(m[2])));
    if (m?.[1] === 'jobs') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageFor(Number(m[2]), Number(m[3])));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

/** User + system CPU seconds a process has used so far (Linux /proc; clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of a process's main thread (its JavaScript; the rest is V8's GC helpers and libuv's pool). */
function mainThreadCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function cpuSecondsIfAlive(pid: number): number {
  try {
    return cpuSeconds(pid);
  } catch {
    return 0; // the backend ended meanwhile
  }
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function runOnce(workers: number, databaseUrl: string, origin: string): Promise<BenchFigure[]> {
  const prefix = `bench-${workers}-${Date.now()}`;
  // One connection, so the backend serving the progress polls is the one left out of the Postgres CPU figure.
  const sql = createSql(databaseUrl, { max: 1 });
  await sql`truncate postings, feed_runs, feeds restart identity cascade`;
  // Feed FEEDS is the warm-up: workers are long-running processes, so a nightly run meets them
  // with their code optimised; the first few hundred postings of a fresh process pay for V8's
  // tier-up (measured: ~600 TurboFan compiles, ~4 s of compiler threads, in the first 2,000).
  const feedIds: number[] = [];
  for (let f = 0; f <= FEEDS; f++) {
    const [row] = await sql`insert into feeds (url, kind) values (${`${origin}/feeds/${f}.xml`}, 'rss') returning id`;
    feedIds.push(Number(row!.id));
  }
  const warmUpFeed = feedIds.pop()!;
  const env = benchProcessEnv(databaseUrl, prefix, process.env.BENCH_WORKER_CONCURRENCY);
  const procs = Array.from({ length: workers }, () => runRoleradar(['worker'], env));
  await new Promise((r) => setTimeout(r, 3000)); // let them connect and load the taxonomy

  const redis = createRedis(BENCH_REDIS_URL);
  const queue = createFeedQueue(redis, { prefix, attempts: 1, backoffMs: 1000 });
  const runFeeds = (ids: number[]) => queue.addBulk(ids.map((feedId) => ({ name: 'run-feed', data: { feedId }, opts: { jobId: `bench-${feedId}` } })));
  const waitForPostings = async (count: number, since: number): Promise<void> => {
    for (;;) {
      const [row] = await sql<{ done: number; failed: number }[]>`
        select count(*) filter (where status = 'done')::int as done, count(*) filter (where status = 'failed')::int as failed from postings`;
      if (row!.done + row!.failed >= count) {
        if (row!.failed > 0) process.stderr.write(`  ${row!.failed} postings failed\n`);
        return;
      }
      // A worker that died (a bad flag in BENCH_NODE_OPTIONS, a crash) would otherwise leave the bench waiting.
      const dead = procs.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
      if (dead) throw new Error(`pipeline bench: a worker exited early:\n${dead.output().slice(-2000)}`);
      if (performance.now() - since > 15 * 60_000) throw new Error(`pipeline bench: only ${row!.done} of ${count} done after 15 minutes`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await runFeeds([warmUpFeed]);
  await waitForPostings(PER_FEED, performance.now());

  // CPU from here on: every process's counters are read before and after the timed run
  const backendPids = async () => (await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`).map((b) => b.pid);
  const postgresBefore = new Map((await backendPids()).map((pid) => [pid, cpuSecondsIfAlive(pid)]));
  const workerBefore = procs.reduce((sum, p) => sum + cpuSeconds(p.child.pid!), 0);
  const workerMainBefore = procs.reduce((sum, p) => sum + mainThreadCpuSeconds(p.child.pid!), 0);
  // Redis is local: its CPU per posting belongs in the budget too (0 if it runs on another machine)
  const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
  const redisCpuBefore = cpuSecondsIfAlive(redisPid);
  const benchCpuBefore = process.cpuUsage();
  const started = performance.now();
  await runFeeds(feedIds);
  const total = FEEDS * PER_FEED;
  await waitForPostings(PER_FEED + total, started);
  const seconds = (performance.now() - started) / 1000;
  const memory = procs.map((p) => peakRssMb(p.child.pid!));
  const workerCpu = procs.reduce((sum, p) => sum + cpuSeconds(p.child.pid!), 0) - workerBefore;
  const workerMainCpu = procs.reduce((sum, p) => sum + mainThreadCpuSeconds(p.child.pid!), 0) - workerMainBefore;
  // The Postgres backends serving this database (the workers' pools stay connected till exit).
  const postgresCpu = (await backendPids()).reduce((sum, pid) => sum + cpuSecondsIfAlive(pid) - (postgresBefore.get(pid) ?? 0), 0);
  const redisCpu = cpuSecondsIfAlive(redisPid) - redisCpuBefore;
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const siteCpu = (benchCpu.user + benchCpu.system) / 1e6;
  for (const p of procs) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
  await queue.close();
  redis.disconnect();
  await sql.end();
  await deletePrefix(prefix);

  const rate = total / seconds;
  const label = `${workers} worker${workers > 1 ? 's' : ''}`;
  return [
    { name: `end to end, ${label} (${total} postings x 45 KB, warm workers)`, value: rate, unit: 'postings/s', ...(workers === 2 && { target: '>= 700', meetsTarget: rate >= 700 }) },
    { name: `worker CPU per posting, ${label} (all worker processes)`, value: (workerCpu * 1000) / total, unit: 'ms' },
    { name: `  of which other threads (V8's GC helpers, libuv), ${label}`, value: ((workerCpu - workerMainCpu) * 1000) / total, unit: 'ms' },
    { name: `Postgres CPU per posting, ${label} (backends of the bench database)`, value: (postgresCpu * 1000) / total, unit: 'ms' },
    { name: `Redis CPU per posting, ${label}`, value: (redisCpu * 1000) / total, unit: 'ms' },
    { name: `bench process CPU per posting, ${label} (serves the pages and feeds, polls progress)`, value: (siteCpu * 1000) / total, unit: 'ms' },
    // everything the run cost the machine; with 2 cores, 2,000 ms of CPU per second is the ceiling
    { name: `all CPU per posting, ${label}: ceiling on this machine = ${CORES} x 1000 / this`, value: ((workerCpu + postgresCpu + redisCpu + siteCpu) * 1000) / total, unit: 'ms' },
    { name: `peak worker memory, ${label}`, value: Math.max(...memory), unit: 'MB RSS', target: '<= 250', meetsTarget: Math.max(...memory) <= 250 },
  ];
}

export async function run(): Promise<BenchFigure[]> {
  const databaseUrl = await freshBenchDatabase(DB_NAME);
  const site = await startSite();
  try {
    return [...(await runOnce(1, databaseUrl, site.origin)), ...(await runOnce(2, databaseUrl, site.origin))];
  } finally {
    await site.close();
  }
}
