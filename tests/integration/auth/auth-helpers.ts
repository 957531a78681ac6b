import { createLogger } from '../../../src/logger.ts';
import { createMetrics } from '../../../src/metrics.ts';
import { startApi } from '../../../src/runtime.ts';
import type { Running } from '../../../src/runtime.ts';
import { testConfig } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';

// Shared by the auth integration tests: a real API process on 127.0.0.1 and a small client.

export type Api = Running & { url: string };

/** A real API (startApi) on the test's database and prefix, with `env` on top (AUTH_ENABLED, ...). */
export async function startTestApi(db: TestDatabase, prefix: string, env: Record<string, string> = {}): Promise<Api> {
  const config = testConfig(db, prefix, env);
  return startApi(config, createLogger(config.LOG_LEVEL), createMetrics());
}

export interface CallOptions {
  key?: string;
  /** send the key as X-API-Key instead of Authorization: Bearer */
  viaHeader?: boolean;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request; the body parsed as JSON when it is JSON. */
export async function call(base: string, method: string, path: string, opts: CallOptions = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers[opts.viaHeader ? 'X-API-Key' : 'Authorization'] = opts.viaHeader ? opts.key : `Bearer ${opts.key}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (metrics, empty bodies)
  }
  return { status: res.status, headers: res.headers, body };
}
