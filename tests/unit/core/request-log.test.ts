// Logs are JSON (pino) and a request's lines carry its request id, the one answered in X-Request-Id.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.ts';
import type { ApiDeps } from '../../../src/api/deps.ts';
import { createMetrics } from '../../../src/metrics.ts';

describe('request logs', () => {
  it('carry the request id, given by the client or made up, and answered in X-Request-Id', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l));
        cb();
      },
    });
    const fail = () => {
      throw new Error('database down');
    };
    // Every query fails: the route's error is logged on the request's logger.
    const sql = new Proxy(fail, { apply: fail, get: fail });
    const app = createApp({ sql, logger: pino({ level: 'info' }, stream), metrics: createMetrics(), catchUpStats: async () => {} } as unknown as ApiDeps);

    const given = await app.request('/api/v1/postings/1', { headers: { 'x-request-id': 'req-abc' } });
    expect(given.status).toBe(500);
    expect(given.headers.get('x-request-id')).toBe('req-abc');
    const made = await app.request('/api/v1/postings/2');
    const madeId = made.headers.get('x-request-id');
    expect(madeId).toMatch(/\S{8,}/);

    await new Promise((r) => setImmediate(r));
    const failures = lines.filter((l) => l.msg === 'request failed');
    expect(failures.map((l) => l.requestId)).toEqual(['req-abc', madeId]);
    expect(failures[0]!.err).toMatchObject({ message: 'database down' });
  });
});
