import { z } from 'zod';

// One validated config for every process. Defaults work on a developer machine with Postgres
// and Redis on localhost; a bad value stops start-up with one message naming every bad key.

const list = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((s) => ['true', '1', 'yes'].includes(s));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/roleradar'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix: lets several deployments (or test files) share one Redis */
  QUEUE_PREFIX: z.string().min(1).default('roleradar'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(16),
  /**
   * CPU priority (nice value, 0-19) of background work: `roleradar worker` processes and each API
   * process's statistics thread. The API itself stays at the priority it was started with.
   */
  BACKGROUND_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** how often an API process brings the statistics rollups up to date (0: not on a timer, another process does; requests still catch the day rollups up) */
  STATS_REFRESH_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** memory (MB) each API process gives the rollup rows it keeps for uncached answers (0: keep none) */
  STATS_ROW_CACHE_MB: z.coerce.number().int().min(0).max(65_536).default(64),
  /** memory (MB) each API process gives the statistics answers it keeps (0: keep none) */
  STATS_ANSWER_CACHE_MB: z.coerce.number().int().min(0).max(65_536).default(32),
  /** how long a job stays locked to a worker without renewal; a worker killed mid-job frees it after this */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** how often workers look for jobs whose worker died (stalled) and hand them out again */
  WORKER_STALLED_CHECK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /** analyses are written in batches of up to this many rows, or after WRITE_BATCH_MS */
  WRITE_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
  WRITE_BATCH_MS: z.coerce.number().int().min(0).max(60_000).default(50),
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  JOB_BACKOFF_MS: z.coerce.number().int().min(0).default(2000),
  /** hosts (names or IPs) that may be fetched although they are private or loopback: the SSRF escape hatch */
  FETCH_ALLOW_HOSTS: list.default([]),
  FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  FETCH_MAX_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
  /** feeds are bigger than pages: a hiring-system board with descriptions is ~17 KB per job */
  FETCH_MAX_FEED_BYTES: z.coerce.number().int().min(1024).default(64 * 1024 * 1024),
  FETCH_USER_AGENT: z.string().min(1).default('RoleRadar/0.1 (+https://github.com/roleradar/roleradar)'),
  /** politeness per host, shared by every process through Redis */
  FETCH_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(2),
  FETCH_HOST_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  /** obey robots.txt (turn off only for hosts you own) */
  FETCH_RESPECT_ROBOTS: bool.default(true),
  /** API keys required under /api/ (except health and docs); unset: on unless HOST is a loopback address */
  AUTH_ENABLED: bool.optional(),
  /** seconds-scale cache of key lookups per process: a revoked key may work this long on a process that saw it */
  AUTH_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(5000),
  /** requests per minute per API key (a key may have its own) or per client address when auth is off; 0: no limit */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  /** origins allowed to call the API from a browser (comma list, or *); none by default */
  CORS_ORIGINS: list.default([]),
});

export type Config = z.output<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates configuration from the environment (or any record, for tests). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as in most shells' `FOO= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}
