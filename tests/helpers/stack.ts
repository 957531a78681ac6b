import type { Config } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import type { Logger } from '../../src/logger.ts';
import { createMetrics } from '../../src/metrics.ts';
import { startApi, startWorker } from '../../src/runtime.ts';
import type { Running } from '../../src/runtime.ts';
import { createTestDatabase, deletePrefix, testConfig, testPrefix } from './services.ts';
import type { TestDatabase } from './services.ts';

/** A whole RoleRadar in this test process, as `roleradar start` runs it, on a database and prefix of its own. */
export interface TestStack {
  db: TestDatabase;
  prefix: string;
  config: Config;
  /** the API's base URL */
  url: string;
  /** fetches `path` on the API with a JSON body (when given) and parses the JSON answer */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Starts the API (and the workers, unless `worker: false`) against a fresh test database. */
export async function startTestStack(opts: { worker?: boolean; config?: Record<string, string>; logger?: Logger } = {}): Promise<TestStack> {
  const db = await createTestDatabase();
  const prefix = testPrefix();
  const config = testConfig(db, prefix, opts.config);
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const metrics = createMetrics(); // one registry, as in `roleradar start`
  const worker: Running | null = opts.worker === false ? null : await startWorker(config, logger, metrics);
  const api = await startApi(config, logger, metrics);
  return {
    db,
    prefix,
    config,
    url: api.url,
    async call(method, path, body) {
      const res = await fetch(api.url + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      await api.close();
      await worker?.close();
      await db.drop();
      await deletePrefix(prefix);
    },
  };
}
