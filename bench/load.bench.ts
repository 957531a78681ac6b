// Load: first, a recruiter's URL on the idle stack, 50 times: submitted to analysis answered.
// Then 100,000 postings submitted through the API in batches of 1,000 while 10 analysts query
// the trends, 100 queries a second in all. Two worker processes and one API process (real child
// processes, as deployed). Prints throughput and queue depth over time, trend latency under load,
// the API's event-loop lag, and that nothing was lost.
// BENCH_LOAD_POSTINGS shrinks it for a quick look.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSql } from '../src/db/sql.ts';
import { createAnalyzeQueue } from '../src/queue.ts';
import { createRedis } from '../src/redis.ts';
import { runRoleradar } from '../tests/helpers/processes.ts';
import { deletePrefix } from '../tests/helpers/services.ts';
import type { BenchFigure } from './lib.ts';
import { BENCH_REDIS_URL, benchProcessEnv, freshBenchDatabase } from './services.ts';
import { buildPage } from './parse.bench.ts';

const TOTAL = Number(process.env.BENCH_LOAD_POSTINGS ?? 100_000);
const BATCH = 1000;
const ANALYSTS = 10;
const ANALYST_INTERVAL_MS = 100; // each analyst's queries: 10 a second, 100 a second in all
const DB_NAME = 'roleradar_bench_load';
const API_PORT = Number(process.env.BENCH_API_PORT ?? 18_080);
const TEMPLATE = buildPage(20, 0);
const RECRUITER_URLS = Number(process.env.BENCH_RECRUITER_URLS ?? 50);

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

/** The largest event-loop delay the API saw since the last scrape, from its /metrics. */
async function apiLoopLagMaxMs(api: string): Promise<number> {
  try {
    const text = await (await fetch(`${api}/metrics`)).text();
    const seconds = Number(/^roleradar_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1] ?? 0);
    return seconds * 1000;
  } catch {
    return 0; // a scrape that failed is not a figure
  }
}

export async function run(): Promise<BenchFigure[]> {
  const databaseUrl = await freshBenchDatabase(DB_NAME);

  const site = createServer((req, res) => {
    const n = /^\/jobs\/(\d+)$/.exec(req.url ?? '')?.[1];
    if (!n) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end(TEMPLATE.replaceAll('Senior Platform Engineer 0', `Senior Platform Engineer ${n}`));
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

  const prefix = `bench-load-${Date.now()}`;
  const env = benchProcessEnv(databaseUrl, prefix);
  // The heap bound in env is for workers (as in docker-compose.yml); the API runs without it.
  const procs = [runRoleradar(['serve'], { ...env, NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? '', PORT: String(API_PORT) }), runRoleradar(['worker'], env), runRoleradar(['worker'], env)];
  const api = `http://127.0.0.1:${API_PORT}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${api}/api/v1/health`).then((r) => r.ok, () => false)) break;
    if (i > 600) throw new Error('load bench: the API did not come up');
    await new Promise((r) => setTimeout(r, 100));
  }

  // A recruiter's URL on the idle stack: submitted, fetched from the local site, parsed, tagged,
  // written and answered (POST ?wait=5 answers with the analysis when it is ready). Issue 2: within
  // a second of being posted. One at a time, each URL new.
  const recruiter: number[] = [];
  for (let i = 0; i < RECRUITER_URLS; i++) {
    const t = performance.now();
    const res = await fetch(`${api}/api/v1/postings?wait=5`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `${origin}/jobs/${900_000 + i}` }) });
    const body = (await res.json()) as { data?: { status?: string } };
    if (res.status !== 200 || body.data?.status !== 'done') throw new Error(`load bench: a recruiter URL answered ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    recruiter.push(performance.now() - t);
  }
  recruiter.sort((a, b) => a - b);

  const sql = createSql(databaseUrl, { max: 2 });
  const redis = createRedis(BENCH_REDIS_URL);
  const queue = createAnalyzeQueue(redis, { prefix, attempts: 1, backoffMs: 1000 });
  const latencies: number[] = [];
  // the same queries, split by phase: while batches are being submitted, and after
  const whileSubmitting: number[] = [];
  let submitted = false;
  let failedQueries = 0;
  const failures = new Map<string, number>(); // why queries failed: status or error, printed at the end
  const fail = (why: string) => {
    failedQueries++;
    failures.set(why, (failures.get(why) ?? 0) + 1);
  };
  let submitting = true;
  // Open loop: each analyst sends a query every ANALYST_INTERVAL_MS whether or not the last one
  // has answered, as dashboards do, and latency counts from when it was due (a slow answer
  // cannot hide the ones queued behind it). Back-to-back analysts would instead take whatever CPU
  // the API gets: with the API ahead of the workers (BACKGROUND_NICE) they ran 2,000 queries/s
  // and left the workers 35 postings/s.
  const analysts = Array.from({ length: ANALYSTS }, async (_, a) => {
    const paths = ['/api/v1/trends/roles?interval=week', '/api/v1/trends/skills?limit=20', '/api/v1/trends/roles?interval=day&open=open'];
    const inFlight: Array<Promise<void>> = [];
    const first = performance.now() + (a * ANALYST_INTERVAL_MS) / ANALYSTS; // spread over the interval
    for (let i = a; submitting; i++) {
      const due = first + (i - a) * ANALYST_INTERVAL_MS;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(
        (async () => {
          try {
            const res = await fetch(api + paths[i % paths.length]!);
            await res.arrayBuffer();
            if (res.ok) (submitted ? latencies : whileSubmitting).push(performance.now() - due);
            else fail(`HTTP ${res.status}`);
          } catch (err) {
            // e.g. a keep-alive socket the server closed as we reused it: counted, not fatal
            fail(String((err as Error).cause ?? (err as Error).message));
          }
        })(),
      );
    }
    await Promise.all(inFlight);
  });

  const started = performance.now();
  let maxDepth = 0;
  let maxLoopLagMs = 0;
  const samples: string[] = [];
  const sampler = setInterval(async () => {
    const [counts, [row]] = await Promise.all([queue.getJobCounts('waiting', 'active'), sql<{ done: number }[]>`select count(*) filter (where status = 'done')::int as done from postings`]);
    const depth = (counts.waiting ?? 0) + (counts.active ?? 0);
    maxDepth = Math.max(maxDepth, depth);
    // the API's own view: how late its event loop ran in this window (prom-client resets it per scrape)
    const lagMs = await apiLoopLagMaxMs(api);
    maxLoopLagMs = Math.max(maxLoopLagMs, lagMs);
    samples.push(`t=${Math.round((performance.now() - started) / 1000)}s depth=${depth} done=${row!.done} api-loop-lag-max=${lagMs.toFixed(0)}ms`);
    process.stderr.write(`  ${samples.at(-1)}\n`);
  }, 5000);

  for (let i = 0; i < TOTAL; i += BATCH) {
    const urls = Array.from({ length: Math.min(BATCH, TOTAL - i) }, (_, j) => `${origin}/jobs/${i + j}`);
    const res = await fetch(`${api}/api/v1/postings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls }) });
    if (res.status !== 202) throw new Error(`load bench: submit answered ${res.status}: ${await res.text()}`);
  }
  const submittedIn = (performance.now() - started) / 1000;
  submitted = true;
  let done = 0;
  for (;;) {
    const [row] = await sql<{ done: number; failed: number }[]>`select count(*) filter (where status = 'done')::int as done, count(*) filter (where status = 'failed')::int as failed from postings`;
    done = row!.done;
    if (row!.done + row!.failed >= TOTAL + RECRUITER_URLS || performance.now() - started > 60 * 60_000) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (performance.now() - started) / 1000;
  submitting = false;
  clearInterval(sampler);
  await Promise.all(analysts);
  for (const p of procs) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
  await queue.close();
  redis.disconnect();
  await sql.end();
  await new Promise<void>((r) => (site.closeAllConnections(), site.close(() => r())));
  await deletePrefix(prefix);

  const during = whileSubmitting.sort((a, b) => a - b);
  const sorted = [...during, ...latencies].sort((a, b) => a - b);
  const afterwards = latencies.sort((a, b) => a - b);
  for (const [why, n] of failures) process.stderr.write(`  trend queries failed: ${n} x ${why}\n`);
  return [
    { name: `one recruiter URL on the idle stack, submitted to analysis answered (${RECRUITER_URLS} one at a time), p50`, value: percentile(recruiter, 50), unit: 'ms' },
    { name: '  the same, p99', value: percentile(recruiter, 99), unit: 'ms', target: '<= 1,000 (issue 2)', meetsTarget: percentile(recruiter, 99) <= 1000 },
    { name: `${TOTAL} postings through the API, 2 workers`, value: (done - RECRUITER_URLS) / seconds, unit: 'postings/s' },
    { name: 'all submitted (batches of 1,000)', value: submittedIn, unit: 's' },
    { name: 'postings lost (not done)', value: TOTAL + RECRUITER_URLS - done, unit: 'postings', target: '0', meetsTarget: TOTAL + RECRUITER_URLS === done },
    { name: 'largest queue depth', value: maxDepth, unit: 'jobs' },
    { name: `trend queries under load (${sorted.length}), p50`, value: percentile(sorted, 50), unit: 'ms' },
    { name: 'trend queries under load, p99', value: percentile(sorted, 99), unit: 'ms', target: '<= 50', meetsTarget: percentile(sorted, 99) <= 50 },
    { name: `  p99 of the ${during.length} sent while batches of 1,000 were being submitted`, value: percentile(during, 99), unit: 'ms' },
    { name: `  p99 of the ${afterwards.length} sent after (the workers still busy)`, value: percentile(afterwards, 99), unit: 'ms' },
    { name: "API event-loop lag, largest in any 5 s window (the API's /metrics)", value: maxLoopLagMs, unit: 'ms' },
    { name: 'trend queries that failed', value: failedQueries, unit: 'queries', target: '0', meetsTarget: failedQueries === 0 },
  ];
}
