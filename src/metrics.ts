import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';

/** The Prometheus metrics of one process; `GET /metrics` serves `registry.metrics()`. */
export interface Metrics {
  registry: Registry;
  jobsCompleted: Counter<'queue'>;
  jobsFailed: Counter<'queue' | 'final'>;
  fetchErrors: Counter<'code'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'roleradar_' });
  return {
    registry,
    jobsCompleted: new Counter({ name: 'roleradar_jobs_completed_total', help: 'jobs completed', labelNames: ['queue'], registers: [registry] }),
    jobsFailed: new Counter({
      name: 'roleradar_jobs_failed_total',
      help: 'job attempts that failed (final="true" when no retry is left)',
      labelNames: ['queue', 'final'],
      registers: [registry],
    }),
    fetchErrors: new Counter({ name: 'roleradar_fetch_errors_total', help: 'fetch errors by code', labelNames: ['code'], registers: [registry] }),
    httpDuration: new Histogram({
      name: 'roleradar_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

/** Queue depth per state, read from Redis when Prometheus scrapes (shared by all processes). */
export function registerQueueDepth(metrics: Metrics, queues: Queue[]): void {
  new Gauge({
    name: 'roleradar_queue_jobs',
    help: 'jobs in the queue by state',
    labelNames: ['queue', 'state'],
    registers: [metrics.registry],
    async collect() {
      for (const q of queues) {
        const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
      }
    },
  });
}

/** What the statistics routes of one app keep, read when Prometheus scrapes. */
export interface StatsMemoryReading {
  answerBytes: number;
  rowBytes: number;
  /** rollup rows asked for, by where they came from */
  rows: { kept: number; shared: number; postgres: number };
}

/**
 * The memory the statistics routes keep (answers, rollup rows) and where the rows they read came
 * from: to size STATS_ROW_CACHE_MB, watch rows read from Postgres against rows kept.
 */
export function registerStatsMemory(metrics: Metrics, read: () => StatsMemoryReading): void {
  if (metrics.registry.getSingleMetric('roleradar_stats_kept_bytes')) return; // one app per process reports
  new Gauge({
    name: 'roleradar_stats_kept_bytes',
    help: 'bytes of statistics answers and rollup rows this process keeps',
    labelNames: ['what'],
    registers: [metrics.registry],
    collect() {
      const r = read();
      this.set({ what: 'answers' }, r.answerBytes);
      this.set({ what: 'rows' }, r.rowBytes);
    },
  });
  new Counter({
    name: 'roleradar_stats_rows_total',
    help: 'rollup rows statistics answers used: kept in memory, shared with a read in flight, or read from Postgres',
    labelNames: ['from'],
    registers: [metrics.registry],
    collect() {
      this.reset();
      for (const [from, n] of Object.entries(read().rows)) this.inc({ from }, n);
    },
  });
}
